import { actUpdate, type ActionRequest, type ActionResult } from '../../workflows/messages';
import { SOP_STATUS } from '../../workflows/search-attributes';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { unknownProject } from '../projects/read-project';
import { withTemporalDeadline } from '../temporal-deadline';
import { isWorkflowNotFound } from '../temporal-errors';
import { rejectionToProblem } from './rejection-to-problem';

/**
 * Temporal answers "not found" for updates to an ended workflow too: tell the two apart, and say
 * how the project ended (its SOP status — completed, cancelled, rejected — when it ended itself).
 */
export async function notFoundProblem(deps: ApiDeps, id: string): Promise<ApiError> {
  try {
    const description = await deps.client.workflow.getHandle(id).describe();
    const ended =
      description.status.name === 'COMPLETED'
        ? (description.typedSearchAttributes.get(SOP_STATUS) ?? 'completed')
        : description.status.name.toLowerCase();
    return new ApiError(
      'PROJECT_ENDED',
      `project '${id}' has ended (${ended}) and takes no more actions; its state and history stay readable`,
    );
  } catch (error) {
    if (isWorkflowNotFound(error)) return unknownProject(id);
    throw error;
  }
}

/**
 * Sends one human action to a project as the `act` update and waits for its result. The project's
 * validator refuses illegal actions before they reach history; the refusal comes back as an
 * ApiError with the engine's code and message.
 *
 * @example
 * await actOnProject(deps, id, { type: 'submit', actor: { user: 'he.yun' }, data: requirements });
 * // { accepted: true, status: 'active', steps: ['breakdown'] }
 */
export async function actOnProject(deps: ApiDeps, id: string, action: ActionRequest): Promise<ActionResult> {
  const handle = deps.client.workflow.getHandle(id);
  try {
    return await withTemporalDeadline(deps, () => handle.executeUpdate(actUpdate, { args: [action] }));
  } catch (error) {
    const rejected = rejectionToProblem(error);
    if (rejected) throw rejected;
    if (isWorkflowNotFound(error)) throw await notFoundProblem(deps, id);
    throw error;
  }
}
