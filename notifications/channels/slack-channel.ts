import type { BotChannelSettings } from '../config/channel-config';
import { resolveOutboundTarget } from '../security/outbound-url';
import { postBotMessage } from './bot-delivery';
import type { ChannelDelivery, DeliverToChannel } from './channel-delivery';
import { composeChatText } from './chat-text';

/**
 * The body of a Slack incoming-webhook message. `&`, `<` and `>` are escaped as Slack asks, so a
 * message can never turn into a link or a `<!channel>` ping. Incoming webhooks are not signed
 * (Slack's signing secret is for requests *from* Slack): the URL is the credential.
 *
 * @example
 * slackMessage(delivery); // { text: 'Review <b> now\n@李娜' } → { text: 'Review &lt;b&gt; now\n@李娜' }
 */
export function slackMessage(delivery: ChannelDelivery) {
  const text = composeChatText(delivery.notification.message, delivery.recipients);
  return { text: text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') };
}

/**
 * The `slack` channel.
 *
 * @example
 * await deliverToSlack({ type: 'slack', url }, delivery, env);
 */
export const deliverToSlack: DeliverToChannel<BotChannelSettings> = async (settings, delivery, env) => {
  const target = await resolveOutboundTarget(settings.url, env.policy, delivery.channel, env.resolve);
  return postBotMessage(target, slackMessage(delivery), delivery);
};
