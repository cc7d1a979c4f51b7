import type { ApiDeps } from './deps';

/** How long one API request may wait on Temporal unless `ApiDeps.temporalTimeoutMs` says otherwise. */
export const DEFAULT_TEMPORAL_TIMEOUT_MS = 30_000;

/**
 * Runs a request's Temporal calls under one deadline, so a missing worker or an unreachable
 * server becomes a 503 the caller can retry, not a request that hangs (the client's own default
 * is to wait forever). Retrying is safe: kickoffs are idempotent and refused actions never
 * reach history.
 *
 * @example
 * const view = await withTemporalDeadline(deps, () => handle.query(stateQuery));
 */
export function withTemporalDeadline<T>(
  deps: Pick<ApiDeps, 'client' | 'temporalTimeoutMs'>,
  call: () => Promise<T>,
): Promise<T> {
  return deps.client.withDeadline(Date.now() + (deps.temporalTimeoutMs ?? DEFAULT_TEMPORAL_TIMEOUT_MS), call);
}
