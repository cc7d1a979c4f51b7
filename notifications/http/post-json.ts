import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { OutboundTarget } from '../security/outbound-url';

/** What a receiver answered. */
export interface HttpReply {
  readonly status: number;
  /** The body as text, cut at {@link MAX_REPLY_BYTES}. */
  readonly body: string;
}

/** Bot platforms answer with a short JSON object; more is never needed and never kept. */
const MAX_REPLY_BYTES = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * POSTs a JSON body to a checked target. The connection goes only to the addresses the check
 * approved (the lookup is pinned), redirects are not followed (they could lead anywhere), and a
 * slow receiver is cut off after `timeoutMs` (default 10 s) so the attempt fails and is retried.
 *
 * @example
 * const target = await resolveOutboundTarget(url, policy, 'ops-hook');
 * const reply = await postJson(target, JSON.stringify({ text: 'hi' }), { 'x-sop-timestamp': '1700000000' });
 */
export function postJson(
  target: OutboundTarget,
  body: string,
  headers: Readonly<Record<string, string>> = {},
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<HttpReply> {
  const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target.url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(body, 'utf8')),
          'user-agent': 'sop-engine-notifications',
          ...headers,
        },
        lookup: pinnedLookup(target),
      },
      (res) => void readReply(res).then(resolve, reject),
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`'${target.host}' did not answer within ${timeoutMs} ms`)),
    );
    req.on('error', (error) => reject(describeConnectionError(error, target.host)));
    req.end(body, 'utf8');
  });
}

/** A lookup that only ever answers with the approved addresses. */
function pinnedLookup(target: OutboundTarget): LookupFunction {
  const [first] = target.addresses;
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all)
      callback(
        null,
        target.addresses.map((a) => ({ address: a.address, family: a.family })),
      );
    else callback(null, first!.address, first!.family);
  }) as unknown as LookupFunction;
}

function readReply(res: IncomingMessage): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      if (size < MAX_REPLY_BYTES) chunks.push(chunk.subarray(0, MAX_REPLY_BYTES - size));
      size += chunk.length;
    });
    res.on('end', () =>
      resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
    );
    res.on('error', reject);
  });
}

function describeConnectionError(error: Error, host: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  return new Error(`could not reach '${host}'${code ? ` (${code})` : ''}: ${error.message}`);
}
