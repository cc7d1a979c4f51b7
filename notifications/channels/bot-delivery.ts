import type { OutboundTarget } from '../security/outbound-url';
import { checkBotAnswer } from '../http/check-bot-answer';
import { expectSuccess } from '../http/expect-success';
import { postJson } from '../http/post-json';
import type { ChannelDelivery, ChannelReport } from './channel-delivery';

/**
 * Posts a bot message and turns the platform's answer into a report: HTTP 2xx and a zero
 * `code`/`errcode` mean delivered, anything else throws (retryable). Shared by the chat channels.
 *
 * @example
 * return postBotMessage(target, { msgtype: 'text', text: { content } }, delivery);
 */
export async function postBotMessage(
  target: OutboundTarget,
  message: unknown,
  delivery: ChannelDelivery,
): Promise<ChannelReport> {
  const reply = await postJson(target, JSON.stringify(message));
  expectSuccess(reply, target.host);
  checkBotAnswer(reply, target.host);
  return {
    channel: delivery.channel,
    recipients: delivery.recipients.map((r) => r.id),
    outcome: 'delivered',
  };
}
