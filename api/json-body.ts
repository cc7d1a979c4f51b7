import type { Request } from 'express';
import { ApiError } from './errors';

/** True when the request carries a body (a length above zero or a chunked one). */
export function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * The request's JSON body as an object. A body in another media type is a 415; a missing body,
 * or JSON that is not an object (an array, a string), is a 400 that says what to send.
 *
 * @example
 * const body = jsonObjectBody(req, '{ "sop": "new-product-launch", "input": { … } }');
 */
export function jsonObjectBody(req: Request, expected: string): Record<string, unknown> {
  if (hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
    throw new ApiError(
      'UNSUPPORTED_MEDIA_TYPE',
      `the body is sent as '${req.headers['content-type'] ?? 'no content type'}'; send JSON with 'Content-Type: application/json'`,
    );
  }
  const body: unknown = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const got = body === undefined ? 'no body' : Array.isArray(body) ? 'an array' : `a ${typeof body}`;
    throw new ApiError('INVALID_REQUEST', `the body must be a JSON object like ${expected}; got ${got}`);
  }
  return body as Record<string, unknown>;
}
