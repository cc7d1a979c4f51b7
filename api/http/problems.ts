/**
 * The problem types the hardening layer answers with. They are not in `PROBLEM_TYPES`
 * (api/errors.ts) yet, so these build the same RFC 9457 body by hand from the shared helpers: a
 * client sees one problem shape whether a route or the rate limiter refused it.
 */
import type { Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemTypeUri, type ProblemDetails } from '../errors';

/** 429: the caller sent more requests of one kind than its quota allows in the window. */
export const RATE_LIMITED = { code: 'RATE_LIMITED', status: 429, title: 'Too many requests' } as const;

/** 403: a browser preflight from an origin that is not in `SOP_CORS_ORIGINS`. */
export const CORS_REFUSED = {
  code: 'CORS_REFUSED',
  status: 403,
  title: 'The origin may not call this API from a browser',
} as const;

/** One of the problem types above. */
export interface HttpProblemType {
  readonly code: string;
  readonly status: number;
  readonly title: string;
}

/**
 * The problem body for `type`, shaped exactly like `toProblemDetails` in api/errors.ts.
 *
 * @example
 * httpProblem(RATE_LIMITED, 'at most 60 kickoffs per minute …', '/projects').type;
 * // 'urn:sop-engine:problem:rate-limited'
 */
export function httpProblem(type: HttpProblemType, detail: string, instance?: string): ProblemDetails {
  return {
    type: problemTypeUri(type.code),
    title: type.title,
    status: type.status,
    code: type.code,
    detail,
    ...(instance !== undefined ? { instance } : {}),
  };
}

/**
 * Sends a problem of `type` as `application/problem+json`, like `sendProblem` does for ApiErrors.
 *
 * @example
 * sendHttpProblem(res, CORS_REFUSED, "the origin 'https://evil.example' is not allowed", req.originalUrl);
 */
export function sendHttpProblem(
  res: Response,
  type: HttpProblemType,
  detail: string,
  instance?: string,
): void {
  res
    .status(type.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(httpProblem(type, detail, instance)));
}
