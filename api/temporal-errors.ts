import { isGrpcDeadlineError, isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';

const GRPC_CANCELLED = 1;
const GRPC_NOT_FOUND = 5;
const GRPC_UNAVAILABLE = 14;

/** The gRPC status code of an error or of its cause chain, if any. */
function grpcCode(error: unknown): number | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (isGrpcServiceError(current)) return current.code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * True when Temporal says the workflow (or the run) does not exist. Some client calls wrap the
 * gRPC error in `WorkflowNotFoundError`, others (history paging) throw it raw: both count.
 *
 * @example
 * try { await handle.query(stateQuery); } catch (e) { if (isWorkflowNotFound(e)) res.status(404); }
 */
export function isWorkflowNotFound(error: unknown): boolean {
  return error instanceof WorkflowNotFoundError || grpcCode(error) === GRPC_NOT_FOUND;
}

/**
 * True when Temporal could not be reached or did not answer before the request's deadline:
 * the API answers 503 (try again), never a client error.
 *
 * @example
 * isTemporalUnavailable(error) ? 503 : 500;
 */
export function isTemporalUnavailable(error: unknown): boolean {
  const code = grpcCode(error);
  // When the request's deadline passes, grpc-js reports either DEADLINE_EXCEEDED or, if the client
  // cancelled the call first, CANCELLED: both mean "no answer in time".
  return isGrpcDeadlineError(error) || code === GRPC_UNAVAILABLE || code === GRPC_CANCELLED;
}
