/**
 * Per-caller quotas on the endpoints that start work (kickoffs, actions): a misbehaving
 * integration must not flood Temporal with workflows or signals. Counted per principal, so one
 * busy tenant cannot spend another's quota, and per client address for anonymous calls.
 */
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit as expressRateLimit, ipKeyGenerator, type AugmentedRequest } from 'express-rate-limit';
import { principalId } from './principal';
import { RATE_LIMITED, sendHttpProblem } from './problems';
import { formatWindow, type RateLimitRule } from './rate-rule';

/** Picks the bucket a request counts against; `describe` names it in the 429 detail. */
export interface RateLimitKey {
  readonly key: string;
  readonly describe: string;
}

export interface RateLimitOptions extends RateLimitRule {
  /** What is counted, plural, for the 429 detail: `'kickoffs'`, `'actions'`. */
  readonly noun?: string;
  /** The bucket of a request; by default {@link principalOrIp}. */
  readonly keyBy?: (req: Request, res: Response) => RateLimitKey;
}

/**
 * The principal's id once authenticated, else the client address. IPv6 addresses are cut to
 * their /56 subnet (what one household or server gets), or a client could rotate through its
 * 2^72 addresses and never hit the limit. The client address honours Express's `trust proxy`.
 *
 * @example
 * principalOrIp(req, res); // { key: 'principal:alice', describe: "principal 'alice'" }
 */
export function principalOrIp(req: Request, res: Response): RateLimitKey {
  const id = principalId(res);
  if (id !== undefined) return { key: `principal:${id}`, describe: `principal '${id}'` };
  const address = ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');
  return { key: `address:${address}`, describe: `client address ${address}` };
}

/**
 * Middleware allowing at most `limit` requests per `windowMs` per key (a fixed window, in this
 * process's memory). Every answer carries the IETF draft-8 `RateLimit` and `RateLimit-Policy`
 * headers; the refused ones are a 429 `RATE_LIMITED` problem with `Retry-After`. Mount it after
 * authentication (so the principal is known) and before the body parser (so a refused request
 * costs no parsing).
 *
 * @example
 * app.post('/projects', rateLimit({ limit: 120, windowMs: 60_000, noun: 'kickoffs' }));
 * app.post('/projects/:id/actions', rateLimit({ limit: 600, windowMs: 60_000, noun: 'actions' }));
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const { limit, windowMs, noun = 'requests', keyBy = principalOrIp } = options;
  return expressRateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => keyBy(req, res).key,
    handler: (req, res) => {
      const info = (req as AugmentedRequest).rateLimit;
      // express-rate-limit has just set Retry-After: quote it so body and header agree.
      const retryAfter = Number(res.getHeader('Retry-After') ?? Math.ceil(windowMs / 1000));
      sendHttpProblem(
        res,
        RATE_LIMITED,
        `at most ${info?.limit ?? limit} ${noun} per ${formatWindow(windowMs)} for ` +
          `${keyBy(req, res).describe}; retry after ${retryAfter} s`,
        req.originalUrl,
      );
    },
  });
}
