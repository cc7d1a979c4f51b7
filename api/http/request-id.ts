/**
 * One id per request, shared by the caller, the logs and the problem bodies, so a support ticket
 * quoting `X-Request-Id` leads straight to the log lines of that request.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';

/** The header that carries the id in both directions. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * What an incoming id may look like. A gateway's or client's id is reused so one id spans every
 * hop; anything else (spaces, quotes, newlines, over-long values) could forge or break log lines
 * and headers, so it is replaced rather than cleaned up.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * True when `value` can be reused as a request id as it is.
 *
 * @example
 * isSafeRequestId('req-42'); // true
 * isSafeRequestId('a b'); // false
 */
export function isSafeRequestId(value: string | undefined): value is string {
  return value !== undefined && SAFE_REQUEST_ID.test(value);
}

/**
 * Middleware: reuses a safe incoming `X-Request-Id`, otherwise generates a UUID; echoes it in the
 * response header and keeps it in `res.locals.requestId`. Mount it first, so every later
 * middleware, log line and error response can use the id.
 *
 * @example
 * app.use(requestId());
 * app.get('/ping', (_req, res) => res.json({ requestId: res.locals.requestId }));
 */
export function requestId(generate: () => string = randomUUID): RequestHandler {
  return (req, res, next) => {
    // Node joins repeated headers with ", ", which fails the check: two ids are no id.
    const incoming = req.get(REQUEST_ID_HEADER);
    const id = isSafeRequestId(incoming) ? incoming : generate();
    res.locals.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  };
}

/**
 * The request's id as set by {@link requestId}, or undefined when that middleware did not run.
 *
 * @example
 * req.log.info({ requestId: requestIdOf(res) }, 'kicked off');
 */
export function requestIdOf(res: Response): string | undefined {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The id of `req`: the one {@link requestId} chose, else a safe incoming header, else a new UUID.
 * For code that may run without the middleware (the request logger's fallback).
 *
 * @example
 * const id = resolveRequestId(req, res);
 */
export function resolveRequestId(req: Request, res: Response): string {
  const incoming = req.get(REQUEST_ID_HEADER);
  return requestIdOf(res) ?? (isSafeRequestId(incoming) ? incoming : randomUUID());
}
