import { SOP_LEAD_DEPARTMENT } from '../../workflows/search-attributes';
import type { ProjectView } from '../../workflows/project-view';
import { projectFacts, type ProjectFacts } from '../authz/project-facts';
import type { ApiDeps } from '../deps';
import { withTemporalDeadline } from '../temporal-deadline';
import { isWorkflowNotFound } from '../temporal-errors';
import type { KickoffMemo } from './kick-off';
import { readProject, unknownProject } from './read-project';
import { endedByTemporal } from './temporal-end';

/** A project's state and the facts the authorization policy decides on. */
export interface LoadedProject {
  readonly view: ProjectView;
  readonly facts: ProjectFacts;
}

/**
 * Reads a project's state (the `state` query) and its kickoff record (memo and search
 * attributes) together; UNKNOWN_PROJECT when there is no such project.
 *
 * @example
 * const { view, facts } = await loadProject(deps, id);
 * await requireAccess(deps, req, res, { kind: 'project.read', project: facts });
 */
export async function loadProject(deps: ApiDeps, id: string): Promise<LoadedProject> {
  const describe = withTemporalDeadline(deps, () => deps.client.workflow.getHandle(id).describe()).catch(
    (error: unknown) => {
      if (isWorkflowNotFound(error)) throw unknownProject(id);
      throw error;
    },
  );
  const [state, description] = await Promise.all([readProject(deps, id), describe]);
  // Terminated (or failed, timed out) from outside: the last state the project reported is not
  // what it is now. Nothing is active any more.
  const ended = endedByTemporal(description.status.name);
  const { nextDeadline: _next, ...rest } = state;
  const view: ProjectView = ended
    ? { ...rest, status: ended, activeSteps: [], pendingDeadlines: [], overdue: false }
    : state;
  const memo = description.memo as Partial<KickoffMemo> | undefined;
  const leadDepartment = description.typedSearchAttributes.get(SOP_LEAD_DEPARTMENT);
  const facts = projectFacts(id, view, {
    ...(memo?.owner ? { owner: memo.owner } : {}),
    ...(leadDepartment ? { leadDepartment } : {}),
  });
  return { view, facts };
}
