import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names of a signed webhook request (HTTP headers are case-insensitive). */
export const WEBHOOK_HEADERS = {
  signature: 'X-Sop-Signature',
  timestamp: 'X-Sop-Timestamp',
  idempotencyKey: 'X-Sop-Idempotency-Key',
} as const;

/** How old a request may be before a receiver should treat it as a replay (5 minutes). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * The signature of a webhook body: `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>`
 * keyed with the channel's secret. Signing the timestamp with the body lets receivers reject an
 * old request replayed with its original signature.
 *
 * @example
 * signWebhook('s3cret', 1767225600, '{"id":"x"}'); // 'sha256=…64 hex…'
 */
export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
  return `sha256=${mac}`;
}

/** A receiver's verdict on a request. */
export type WebhookVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** What a receiver got: the raw body (exactly as received) and the two headers. */
export interface SignedRequest {
  readonly body: string;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
}

/**
 * Checks a received webhook the way a receiver should: the timestamp is recent (within
 * `toleranceSeconds`, either way), and the signature matches the raw body, compared in constant
 * time. Receivers then dedupe on `X-Sop-Idempotency-Key`, which stays the same across retries.
 *
 * @example
 * const verdict = verifyWebhook(secret, { body: raw, timestamp: req.headers['x-sop-timestamp'],
 *   signature: req.headers['x-sop-signature'] }, Date.now());
 * if (!verdict.ok) return res.writeHead(401).end(verdict.reason);
 */
export function verifyWebhook(
  secret: string,
  request: SignedRequest,
  nowMs: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): WebhookVerdict {
  const { body, timestamp, signature } = request;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp))
    return { ok: false, reason: 'missing or malformed timestamp' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > toleranceSeconds)
    return { ok: false, reason: 'timestamp too old or in the future (replay?)' };
  if (!signature) return { ok: false, reason: 'missing signature' };
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'signature does not match the body' };
  return { ok: true };
}
