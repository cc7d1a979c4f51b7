import { QueryNotRegisteredError } from '@temporalio/client';
import { accessQuery } from '../../workflows/messages';
import type { ProjectFacts } from '../authz/project-facts';
import type { ApiDeps } from '../deps';
import { withTemporalDeadline } from '../temporal-deadline';
import { isWorkflowNotFound } from '../temporal-errors';
import type { KickoffMemo } from './kick-off';
import { loadProject } from './load-project';
import { endedBeforeItRan, unknownProject } from './read-project';
import { endedByTemporal } from './temporal-end';

/**
 * The facts the policy decides on, from the project's small `access` query and its kickoff memo
 * (who kicked it off) — the cheap path every action takes. A project Temporal cannot query (it
 * ended before it ever ran) falls back to the full state.
 *
 * @example
 * await requireAccess(deps, req, res, { kind: 'project.cancel', project: await loadAccess(deps, id) });
 */
export async function loadAccess(deps: ApiDeps, id: string): Promise<ProjectFacts> {
  const handle = deps.client.workflow.getHandle(id);
  const [facts, description] = await withTemporalDeadline(deps, () =>
    Promise.all([handle.query(accessQuery), handle.describe()]),
  ).catch((error: unknown) => {
    if (isWorkflowNotFound(error) || error instanceof QueryNotRegisteredError) throw unknownProject(id);
    if (endedBeforeItRan(error)) return [undefined, undefined] as const;
    throw error;
  });
  if (!facts || !description) return (await loadProject(deps, id)).facts;
  const owner = (description.memo as Partial<KickoffMemo> | undefined)?.owner;
  const ended = facts.status !== 'active' || endedByTemporal(description.status.name) !== undefined;
  return {
    id,
    ...(owner ? { owner } : {}),
    members: owner && !facts.members.includes(owner) ? [owner, ...facts.members] : facts.members,
    participants: facts.participants,
    departments: facts.departments,
    approvers: ended ? {} : facts.approvers,
    ended,
  };
}
