import type { HttpReply } from './post-json';

/**
 * Throws unless the receiver answered 2xx, with the status and the start of its answer (the
 * receiver's own words help most when a delivery keeps failing). Thrown errors are retryable:
 * a receiver that is down or overloaded usually recovers within the retry window.
 *
 * @example
 * expectSuccess(await postJson(target, body), 'hooks.example.com');
 */
export function expectSuccess(reply: HttpReply, host: string): void {
  if (reply.status >= 200 && reply.status < 300) return;
  throw new Error(`'${host}' answered HTTP ${reply.status}: ${excerpt(reply.body)}`);
}

/**
 * The first 200 characters of a receiver's answer, on one line.
 *
 * @example
 * excerpt('{"code":19021,"msg":"sign match fail"}'); // '{"code":19021,"msg":"sign match fail"}'
 */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line || '(empty answer)';
}
