import { createHmac } from 'node:crypto';

/**
 * Feishu's custom-bot signature (签名校验): HMAC-SHA256 keyed with `<timestamp>\n<secret>` over
 * an empty message, base64. The timestamp is in seconds; body fields `timestamp` and `sign`.
 *
 * @example
 * const timestamp = Math.floor(Date.now() / 1000);
 * ({ timestamp: String(timestamp), sign: signFeishu(secret, timestamp), msg_type: 'text', content: { text } });
 */
export function signFeishu(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/**
 * DingTalk's custom-robot signature (加签): HMAC-SHA256 keyed with the secret over
 * `<timestamp>\n<secret>`, base64. The timestamp is in milliseconds; both go into the webhook
 * URL's query (`&timestamp=…&sign=…`, the signature URL-encoded).
 *
 * @example
 * const timestamp = Date.now();
 * url.searchParams.set('timestamp', String(timestamp));
 * url.searchParams.set('sign', signDingTalk(secret, timestamp));
 */
export function signDingTalk(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}
