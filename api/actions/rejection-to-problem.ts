import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { ACTION_REJECTED } from '../../workflows/messages';
import { ApiError, PROBLEM_TYPES, type ProblemCode } from '../errors';

/** The rejection codes the engine uses, each with its own problem type (403/404/409/422). */
const ENGINE_CODES = new Set<string>([
  'NOT_ALLOWED',
  'INVALID_DATA',
  'UNKNOWN_TASK',
  'WRONG_STATE',
  'CONDITION_NOT_MET',
  'PROJECT_ENDED',
]);

/**
 * The problem for an action the project refused (its update validator threw an
 * `ActionRejected` failure whose first detail is `{ code, message }`), or `undefined` when the
 * error is something else. NOT_ALLOWED → 403, UNKNOWN_TASK → 404, INVALID_DATA → 422, the rest → 409;
 * the engine's message is passed on as the detail.
 *
 * @example
 * const problem = rejectionToProblem(error); // ApiError WRONG_STATE (409) "no current step accepts …"
 */
export function rejectionToProblem(error: unknown): ApiError | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== ACTION_REJECTED) return undefined;
  const rejection = cause.details?.[0] as { code?: unknown; message?: unknown } | undefined;
  const code = typeof rejection?.code === 'string' ? rejection.code : 'ACTION_REJECTED';
  const message = typeof rejection?.message === 'string' ? rejection.message : cause.message;
  const problemCode: ProblemCode =
    ENGINE_CODES.has(code) && code in PROBLEM_TYPES ? (code as ProblemCode) : 'ACTION_REJECTED';
  return new ApiError(problemCode, message, problemCode === code ? {} : { engineCode: code });
}
