/**
 * A webhook receiver that does what docs/time-and-escalation.md tells receivers to do: verify the
 * HMAC signature over `<timestamp>.<raw body>`, reject old timestamps (replays), and dedupe on
 * `X-Sop-Idempotency-Key`. `failFirst` makes it answer 503 to the first attempts of each key.
 */
import { verifyWebhook } from '../../../notifications/signing/webhook-signature';
import { startHttpReceiver, type HttpReceiver, type ReceivedRequest } from './http-receiver';

export interface SignedWebhookReceiver extends HttpReceiver {
  /** Requests that passed verification and were new: one per logical delivery. */
  readonly accepted: ReceivedRequest[];
  /** Requests refused, with the reason. */
  readonly rejected: { request: ReceivedRequest; reason: string }[];
  /** Every idempotency key seen, one entry per request (attempts). */
  readonly attemptsByKey: Map<string, number>;
}

export async function startSignedWebhookReceiver(
  secret: string,
  options: { failFirst?: number; now?: () => number } = {},
): Promise<SignedWebhookReceiver> {
  const accepted: ReceivedRequest[] = [];
  const rejected: { request: ReceivedRequest; reason: string }[] = [];
  const attemptsByKey = new Map<string, number>();
  const seen = new Set<string>();
  const receiver = await startHttpReceiver((request) => {
    const verdict = verifyWebhook(
      secret,
      {
        body: request.body,
        timestamp: request.headers['x-sop-timestamp'] as string | undefined,
        signature: request.headers['x-sop-signature'] as string | undefined,
      },
      (options.now ?? Date.now)(),
    );
    if (!verdict.ok) {
      rejected.push({ request, reason: verdict.reason });
      return { status: 401, body: JSON.stringify({ error: verdict.reason }) };
    }
    const key = String(request.headers['x-sop-idempotency-key']);
    const attempt = (attemptsByKey.get(key) ?? 0) + 1;
    attemptsByKey.set(key, attempt);
    if (attempt <= (options.failFirst ?? 0)) return { status: 503, body: '{"error":"busy, try later"}' };
    // A duplicate (a retry after a lost answer) is acknowledged but not acted on again.
    if (!seen.has(key)) {
      seen.add(key);
      accepted.push(request);
    }
    return { status: 200, body: '{"ok":true}' };
  });
  return { ...receiver, accepted, rejected, attemptsByKey };
}
