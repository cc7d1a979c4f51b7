import type { BotChannelSettings } from '../config/channel-config';
import { resolveOutboundTarget } from '../security/outbound-url';
import { signDingTalk } from '../signing/bot-signatures';
import { postBotMessage } from './bot-delivery';
import type { ChannelDelivery, DeliverToChannel } from './channel-delivery';
import { composeChatText } from './chat-text';

/**
 * The body of a DingTalk custom-robot text message.
 *
 * @example
 * dingTalkMessage(delivery); // { msgtype: 'text', text: { content: '…\n@李娜' } }
 */
export function dingTalkMessage(delivery: ChannelDelivery) {
  return {
    msgtype: 'text',
    text: { content: composeChatText(delivery.notification.message, delivery.recipients) },
  };
}

/**
 * The webhook URL with DingTalk's signature query parameters (`timestamp` in milliseconds and the
 * URL-encoded `sign`) added, as its 加签 security setting requires.
 *
 * @example
 * signedDingTalkUrl(new URL('https://oapi.dingtalk.com/robot/send?access_token=t'), secret, Date.now());
 */
export function signedDingTalkUrl(url: URL, secret: string, nowMs: number): URL {
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(nowMs));
  signed.searchParams.set('sign', signDingTalk(secret, nowMs));
  return signed;
}

/**
 * The `dingtalk` channel: a custom group robot (自定义机器人) webhook.
 *
 * @example
 * await deliverToDingTalk({ type: 'dingtalk', url, secret }, delivery, env);
 */
export const deliverToDingTalk: DeliverToChannel<BotChannelSettings> = async (settings, delivery, env) => {
  const target = await resolveOutboundTarget(settings.url, env.policy, delivery.channel, env.resolve);
  const url =
    settings.secret === undefined ? target.url : signedDingTalkUrl(target.url, settings.secret, env.now());
  return postBotMessage({ ...target, url }, dingTalkMessage(delivery), delivery);
};
