/**
 * Every error the API answers with, as RFC 9457 problem details:
 * `{ type, title, status, code, detail, instance }` sent as `application/problem+json`.
 * `code` is stable (clients match on it); `type` is derived from it; `detail` says what is wrong
 * and what would be right for this occurrence.
 */

/** The media type of every error body. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Each problem type the API uses, with its HTTP status and fixed title. */
export const PROBLEM_TYPES = {
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  INVALID_REQUEST: { status: 400, title: 'The request is not shaped as this endpoint expects' },
  INVALID_QUERY: { status: 400, title: 'A query parameter is not usable' },
  MISSING_IDEMPOTENCY_KEY: { status: 400, title: 'The Idempotency-Key header is missing' },
  INVALID_IDEMPOTENCY_KEY: { status: 400, title: 'The Idempotency-Key header is not usable' },
  UNAUTHENTICATED: { status: 401, title: 'Credentials are missing or invalid' },
  ACCESS_DENIED: { status: 403, title: 'The caller may not do this' },
  NOT_ALLOWED: { status: 403, title: 'The actor may not do this' },
  CORS_REFUSED: { status: 403, title: 'The origin may not call this API from a browser' },
  UNKNOWN_ROUTE: { status: 404, title: 'No such endpoint' },
  UNKNOWN_SOP: { status: 404, title: 'No such SOP' },
  UNKNOWN_PROJECT: { status: 404, title: 'No such project' },
  UNKNOWN_TASK: { status: 404, title: 'No such task in the project' },
  WRONG_STATE: { status: 409, title: 'The project does not accept this action now' },
  CONDITION_NOT_MET: { status: 409, title: 'A condition of this action is not met' },
  PROJECT_ENDED: { status: 409, title: 'The project has ended' },
  ACTION_REJECTED: { status: 409, title: 'The project refused the action' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  NOT_ACCEPTABLE: { status: 406, title: 'The requested format is not available' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body must be JSON' },
  INVALID_INPUT: { status: 422, title: "The kickoff input does not fit the SOP's input schema" },
  PARTICIPANT_UNRESOLVED: { status: 422, title: 'A participant of the SOP cannot be resolved' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'The Idempotency-Key was used for a different request' },
  INVALID_DATA: { status: 422, title: 'The action carries invalid data' },
  INVALID_RESPONSE: { status: 500, title: 'The server produced a response outside its contract' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  TEMPORAL_UNAVAILABLE: { status: 503, title: 'The workflow service did not answer' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEM_TYPES;

/** The JSON body of an error response. Extra members (e.g. `problems`) carry details. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

/**
 * An error a route throws to answer with a problem; the error handler turns it into the response.
 *
 * @example
 * throw new ApiError('UNKNOWN_SOP', "there is no SOP 'launch'; known SOPs: new-product-launch");
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    /** Extension members added to the body, e.g. `{ problems: [...] }`. */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(`[${code}] ${detail}`);
    this.status = PROBLEM_TYPES[code].status;
    this.title = PROBLEM_TYPES[code].title;
  }
}

/**
 * The problem `type` URI of a code: stable, one per code, so clients can also match on it.
 *
 * @example
 * problemTypeUri('UNKNOWN_SOP'); // 'urn:sop-engine:problem:unknown-sop'
 */
export function problemTypeUri(code: string): string {
  return `urn:sop-engine:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * The response body of an ApiError.
 *
 * @example
 * toProblemDetails(new ApiError('UNKNOWN_PROJECT', "no project 'p-1'"), '/projects/p-1').status; // 404
 */
export function toProblemDetails(error: ApiError, instance?: string): ProblemDetails {
  return {
    ...error.extensions,
    type: problemTypeUri(error.code),
    title: error.title,
    status: error.status,
    code: error.code,
    detail: error.detail,
    ...(instance !== undefined ? { instance } : {}),
  };
}
