import type { BotChannelSettings } from '../config/channel-config';
import { resolveOutboundTarget } from '../security/outbound-url';
import { signFeishu } from '../signing/bot-signatures';
import { postBotMessage } from './bot-delivery';
import type { ChannelDelivery, DeliverToChannel } from './channel-delivery';
import { composeChatText } from './chat-text';

/**
 * The body of a Feishu custom-bot text message; signed (`timestamp` in seconds + `sign`) when
 * the bot has a signing secret.
 *
 * @example
 * feishuMessage(delivery, undefined, 0); // { msg_type: 'text', content: { text: '…\n@李娜' } }
 */
export function feishuMessage(delivery: ChannelDelivery, secret: string | undefined, nowMs: number) {
  const text = composeChatText(delivery.notification.message, delivery.recipients);
  const timestamp = Math.floor(nowMs / 1000);
  return {
    ...(secret !== undefined ? { timestamp: String(timestamp), sign: signFeishu(secret, timestamp) } : {}),
    msg_type: 'text',
    content: { text },
  };
}

/**
 * The `feishu` channel: a custom group bot (自定义机器人) webhook.
 *
 * @example
 * await deliverToFeishu({ type: 'feishu', url, secret }, delivery, env);
 */
export const deliverToFeishu: DeliverToChannel<BotChannelSettings> = async (settings, delivery, env) => {
  const target = await resolveOutboundTarget(settings.url, env.policy, delivery.channel, env.resolve);
  return postBotMessage(target, feishuMessage(delivery, settings.secret, env.now()), delivery);
};
