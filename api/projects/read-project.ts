import { QueryNotRegisteredError } from '@temporalio/client';
import { stateQuery } from '../../workflows/messages';
import type { ProjectView } from '../../workflows/project-view';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { withTemporalDeadline } from '../temporal-deadline';
import { viewFromStart } from './view-from-start';
import { isWorkflowNotFound } from '../temporal-errors';

/**
 * The 404 every project route answers for an id Temporal does not know.
 *
 * @example
 * if (isWorkflowNotFound(error)) throw unknownProject(id);
 */
export function unknownProject(id: string): ApiError {
  return new ApiError(
    'UNKNOWN_PROJECT',
    `there is no project '${id}'; use the id returned by POST /projects (it looks like project-<32 hex>)`,
  );
}

/** Temporal's answer to a query of a workflow that closed before its first workflow task. */
function endedBeforeItRan(error: unknown): boolean {
  // The client wraps the gRPC error ("Failed to query Workflow"); the reason is in its cause.
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (/closed before WorkflowTaskStarted/i.test(e.message)) return true;
  }
  return false;
}

/**
 * A project's current state (the workflow's `state` query), running or ended.
 * Throws UNKNOWN_PROJECT for an id that is not a project.
 *
 * @example
 * const view = await readProject(deps, 'project-3f…');
 * view.activeSteps.map((s) => s.id); // ['requirement']
 */
export async function readProject(deps: ApiDeps, id: string): Promise<ProjectView> {
  const handle = deps.client.workflow.getHandle(id);
  try {
    return await withTemporalDeadline(deps, () => handle.query(stateQuery));
  } catch (error) {
    // A workflow of another type has no `state` query: it is not a project either.
    if (isWorkflowNotFound(error) || error instanceof QueryNotRegisteredError) throw unknownProject(id);
    if (endedBeforeItRan(error)) {
      const description = await withTemporalDeadline(deps, () => handle.describe());
      return withTemporalDeadline(deps, () => viewFromStart(deps, id, description.status.name.toLowerCase()));
    }
    throw error;
  }
}
