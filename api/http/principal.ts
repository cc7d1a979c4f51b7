/**
 * The authenticated caller, as the authentication middleware leaves it in
 * `res.locals.principal`. Logging and rate limiting read it; they never authenticate anyone.
 */
import type { Response } from 'express';

/**
 * The id of the request's principal, or undefined before (or without) authentication. Checked at
 * run time because `res.locals` is untyped: a malformed principal must not become a log field
 * or a rate-limit bucket.
 *
 * @example
 * res.locals.principal = { id: 'alice' };
 * principalId(res); // 'alice'
 */
export function principalId(res: Response): string | undefined {
  const principal: unknown = res.locals.principal;
  if (typeof principal !== 'object' || principal === null) return undefined;
  const id: unknown = (principal as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
