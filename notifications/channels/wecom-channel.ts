import type { BotChannelSettings } from '../config/channel-config';
import { resolveOutboundTarget } from '../security/outbound-url';
import { postBotMessage } from './bot-delivery';
import type { ChannelDelivery, DeliverToChannel } from './channel-delivery';
import { composeChatText } from './chat-text';

/**
 * The body of a WeCom group-bot (群机器人) text message. WeCom bots do not sign: the `key` in
 * the webhook URL is the credential.
 *
 * @example
 * weComMessage(delivery); // { msgtype: 'text', text: { content: '…\n@李娜' } }
 */
export function weComMessage(delivery: ChannelDelivery) {
  return {
    msgtype: 'text',
    text: { content: composeChatText(delivery.notification.message, delivery.recipients) },
  };
}

/**
 * The `wecom` channel.
 *
 * @example
 * await deliverToWeCom({ type: 'wecom', url }, delivery, env);
 */
export const deliverToWeCom: DeliverToChannel<BotChannelSettings> = async (settings, delivery, env) => {
  const target = await resolveOutboundTarget(settings.url, env.policy, delivery.channel, env.resolve);
  return postBotMessage(target, weComMessage(delivery), delivery);
};
