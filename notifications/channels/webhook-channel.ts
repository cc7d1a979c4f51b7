import type { WebhookChannelSettings } from '../config/channel-config';
import { expectSuccess } from '../http/expect-success';
import { postJson } from '../http/post-json';
import { resolveOutboundTarget } from '../security/outbound-url';
import { signWebhook, WEBHOOK_HEADERS } from '../signing/webhook-signature';
import type { ChannelDelivery, DeliverToChannel } from './channel-delivery';

/** The JSON a generic webhook receives. */
export interface WebhookBody {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly projectId: string;
  readonly sop?: string;
  readonly reason: string;
  readonly step: string;
  readonly task?: string;
  readonly to: readonly { readonly id: string; readonly name: string; readonly email?: string }[];
  readonly message: string;
  /** When the engine decided to notify (ISO 8601). */
  readonly at: string;
}

/**
 * The body of a delivery, field order fixed so the signed text is easy to reproduce.
 *
 * @example
 * JSON.stringify(webhookBody(delivery)); // '{"id":"requirement:assigned:1","idempotencyKey":"…",…}'
 */
export function webhookBody(delivery: ChannelDelivery): WebhookBody {
  const { notification: n } = delivery;
  return {
    id: n.id,
    idempotencyKey: delivery.idempotencyKey,
    projectId: delivery.projectId,
    ...(delivery.sop !== undefined ? { sop: delivery.sop } : {}),
    reason: n.reason,
    step: n.step,
    ...(n.task !== undefined ? { task: n.task } : {}),
    to: delivery.recipients.map((r) => ({
      id: r.id,
      name: r.name,
      ...(r.email !== undefined ? { email: r.email } : {}),
    })),
    message: n.message,
    at: new Date(n.at).toISOString(),
  };
}

/**
 * The generic `webhook` channel: POSTs the notification as JSON with `X-Sop-Idempotency-Key`,
 * `X-Sop-Timestamp` (unix seconds) and `X-Sop-Signature: sha256=<hex HMAC of "<timestamp>.<body>">`.
 * Any 2xx answer counts as delivered; anything else throws, and the activity retries with the
 * same idempotency key (receivers dedupe on it; see `verifyWebhook` for the receiving side).
 *
 * @example
 * await deliverToWebhook({ type: 'webhook', url: 'https://hooks.example.com/sop', secret }, delivery, env);
 */
export const deliverToWebhook: DeliverToChannel<WebhookChannelSettings> = async (settings, delivery, env) => {
  const target = await resolveOutboundTarget(settings.url, env.policy, delivery.channel, env.resolve);
  const body = JSON.stringify(webhookBody(delivery));
  const timestamp = Math.floor(env.now() / 1000);
  const reply = await postJson(target, body, {
    [WEBHOOK_HEADERS.idempotencyKey]: delivery.idempotencyKey,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: signWebhook(settings.secret, timestamp, body),
  });
  expectSuccess(reply, target.host);
  return {
    channel: delivery.channel,
    recipients: delivery.recipients.map((r) => r.id),
    outcome: 'delivered',
  };
};
