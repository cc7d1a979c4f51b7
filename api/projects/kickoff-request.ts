import { ApiError } from '../errors';

/** The body of `POST /projects`. */
export interface KickoffRequest {
  /** SOP id, e.g. `new-product-launch`. */
  readonly sop: string;
  /** A published version; the latest when absent. */
  readonly version?: string;
  /** The kickoff input, checked against the SOP's input schema. */
  readonly input: Readonly<Record<string, unknown>>;
}

const EXAMPLE = '{ "sop": "new-product-launch", "version": "1.0.0", "input": { … } }';

/** Keys are opaque to the API, but must fit in a header and a log line. */
const MAX_KEY_LENGTH = 255;

/**
 * Checks the shape of a kickoff body (not the input itself: that is the SOP's schema's job).
 *
 * @example
 * parseKickoffRequest({ sop: 'new-product-launch', input: { projectName: 'Aurora' } }).version; // undefined
 */
export function parseKickoffRequest(body: Record<string, unknown>): KickoffRequest {
  const { sop, version, input } = body;
  if (typeof sop !== 'string' || sop.trim() === '') {
    throw new ApiError('INVALID_REQUEST', `'sop' must be the id of an SOP (a string), like ${EXAMPLE}`);
  }
  if (version !== undefined && (typeof version !== 'string' || version === '')) {
    throw new ApiError(
      'INVALID_REQUEST',
      `'version' must be a version string like "1.0.0", or left out for the latest`,
    );
  }
  if (input !== undefined && (input === null || typeof input !== 'object' || Array.isArray(input))) {
    throw new ApiError('INVALID_REQUEST', `'input' must be a JSON object with the SOP's kickoff fields`);
  }
  const unknown = Object.keys(body).filter((k) => !['sop', 'version', 'input'].includes(k));
  if (unknown.length > 0) {
    throw new ApiError(
      'INVALID_REQUEST',
      `unknown field(s) ${unknown.map((k) => `'${k}'`).join(', ')}; the body has 'sop', 'version' and 'input' (kickoff fields go inside 'input')`,
    );
  }
  return {
    sop,
    ...(version !== undefined ? { version } : {}),
    input: (input ?? {}) as Record<string, unknown>,
  };
}

/**
 * The `Idempotency-Key` header: required, so a retried kickoff never starts a second project.
 *
 * @example
 * readIdempotencyKey(req.get('Idempotency-Key')); // 'crm-order-8812'
 */
export function readIdempotencyKey(header: string | undefined): string {
  const key = header?.trim() ?? '';
  if (key === '') {
    throw new ApiError(
      'MISSING_IDEMPOTENCY_KEY',
      'send an Idempotency-Key header with a value unique to this kickoff (e.g. your order id or a UUID); a retry with the same key returns the same project',
    );
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new ApiError(
      'INVALID_IDEMPOTENCY_KEY',
      `the Idempotency-Key is ${key.length} characters long; use at most ${MAX_KEY_LENGTH} (a UUID is 36)`,
    );
  }
  return key;
}
