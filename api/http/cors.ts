/**
 * Cross-origin access for browser apps. Off unless origins are configured: server-to-server
 * callers never need CORS, and every allowed origin is one whose scripts can call the API with a
 * user's credentials.
 */
import type { RequestHandler } from 'express';
import cors from 'cors';
import { CORS_REFUSED, sendHttpProblem } from './problems';

/** Request headers a browser app may send: auth, JSON bodies, retries, tracing. */
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'X-Api-Key',
  'X-Request-Id',
] as const;

/** Response headers a browser app may read: ids for support, where a new project is, quotas. */
export const CORS_EXPOSED_HEADERS = [
  'X-Request-Id',
  'Location',
  'RateLimit',
  'RateLimit-Policy',
  'Retry-After',
] as const;

const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Browsers may reuse a preflight answer this long (Chrome caps it at 2 hours). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export interface CorsPolicyOptions {
  /** Exact origins (`https://app.example.com`), `'*'` for any, or `[]` for no CORS at all. */
  readonly origins: readonly string[] | '*';
}

/**
 * Middleware answering CORS. `[]`: no CORS headers at all (browsers then keep other sites'
 * scripts from reading responses). A list: the request's `Origin` is echoed only on an exact
 * match; other origins get no CORS headers (every answer carries `Vary: Origin`), and their
 * preflight is refused with a 403 `CORS_REFUSED` problem naming the origin, instead of a bare
 * 204 a developer would puzzle over. `'*'`: any origin, without credentials (the API uses
 * headers, not cookies).
 * Preflights are answered 204 here, before authentication, since browsers send them without
 * credentials.
 *
 * @example
 * app.use(corsPolicy({ origins: ['https://app.example.com'] }));
 */
export function corsPolicy({ origins }: CorsPolicyOptions): RequestHandler {
  if (origins !== '*' && origins.length === 0) return (_req, _res, next) => next();
  const allowed = origins === '*' ? undefined : new Set(origins);
  const isAllowed = (origin: string | undefined) =>
    allowed === undefined || (origin !== undefined && allowed.has(origin));
  const answer = cors({
    // Only allowed origins reach cors: it echoes the origin and adds `Vary: Origin`.
    origin: origins === '*' ? '*' : [...origins],
    methods: [...CORS_METHODS],
    allowedHeaders: [...CORS_ALLOWED_HEADERS],
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
  });
  return (req, res, next) => {
    const origin = req.get('Origin');
    if (isAllowed(origin)) {
      answer(req, res, next);
      return;
    }
    // Not allowed (or no Origin: servers, curl): no CORS headers at all, but `Vary: Origin`,
    // so a shared cache never hands this answer to an allowed origin or the other way round.
    res.vary('Origin');
    const isPreflight = req.method === 'OPTIONS' && req.get('Access-Control-Request-Method') !== undefined;
    if (isPreflight && origin !== undefined) {
      sendHttpProblem(
        res,
        CORS_REFUSED,
        `the origin '${origin}' may not call this API from a browser; ` +
          'ask the operator to add it to SOP_CORS_ORIGINS',
        req.originalUrl,
      );
      return;
    }
    next();
  };
}
