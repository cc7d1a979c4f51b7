import type { ProjectRecord } from '../../kpis/types';
import { PROJECT_WORKFLOW } from '../../workflows/messages';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { readProjectHistory } from '../history/read-history';
import { visibilityLiteral } from '../projects/list-projects';
import { mapLimited } from '../projects/map-limited';
import { readProject } from '../projects/read-project';

/** Projects read per KPI request; beyond it the report says `truncated`. */
export const MAX_KPI_PROJECTS = 300;
const CONCURRENCY = 4;

/** Projects that can have facts in [from, to): started before `to`, and running or closed after `from`. */
function kpiQuery(filter: { from?: Date; to?: Date; sop?: string }): string {
  const clauses = [`WorkflowType = '${PROJECT_WORKFLOW}'`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (filter.to) clauses.push(`StartTime < '${filter.to.toISOString()}'`);
  if (filter.from)
    clauses.push(`(ExecutionStatus = 'Running' OR CloseTime >= '${filter.from.toISOString()}')`);
  if (filter.sop) clauses.push(`SopId = ${visibilityLiteral('sop', filter.sop)}`);
  return clauses.join(' AND ');
}

/**
 * The projects a KPI report is computed from, each with its state and history, read from
 * Temporal (closed projects are queried while Temporal keeps them).
 *
 * @example
 * const { projects, truncated } = await gatherKpiProjects(deps, { from, to });
 */
export async function gatherKpiProjects(
  deps: ApiDeps,
  filter: { from?: Date; to?: Date; sop?: string },
): Promise<{ projects: ProjectRecord[]; truncated: boolean }> {
  const ids: string[] = [];
  let truncated = false;
  for await (const execution of deps.client.workflow.list({ query: kpiQuery(filter) })) {
    if (ids.length === MAX_KPI_PROJECTS) {
      truncated = true;
      break;
    }
    ids.push(execution.workflowId);
  }
  const read = await mapLimited(ids, CONCURRENCY, async (id): Promise<ProjectRecord | undefined> => {
    try {
      const [view, history] = await Promise.all([readProject(deps, id), readProjectHistory(deps, id)]);
      return { id, view, history: history.events };
    } catch (error) {
      // Gone between the list and the read (retention): it has no facts to count any more.
      if (!(error instanceof ApiError && error.code === 'UNKNOWN_PROJECT')) throw error;
      return undefined;
    }
  });
  const projects = read.filter((p): p is ProjectRecord => p !== undefined);
  projects.sort((a, b) => a.id.localeCompare(b.id));
  return { projects, truncated };
}
