import { PROJECT_WORKFLOW } from '../../workflows/messages';
import { SOP_ID, SOP_STATUS, SOP_VERSION } from '../../workflows/search-attributes';
import { buildAuditTrail } from '../../audit/build-trail';
import type { ApiDeps } from '../deps';
import { readProjectHistory } from '../history/read-history';
import { endedByTemporal } from '../projects/temporal-end';

/** Closed for good: continued-as-new runs are not the end of a project. */
const CLOSED_PROJECTS = `WorkflowType = '${PROJECT_WORKFLOW}' AND ExecutionStatus != 'Running' AND ExecutionStatus != 'ContinuedAsNew'`;

export interface ArchiveSweep {
  readonly archived: readonly string[];
  readonly failed: readonly { readonly id: string; readonly error: string }[];
}

/**
 * Archives one closed project's trail (idempotent: an archived project is left as it is).
 * Returns false when the project is still running.
 *
 * @example
 * await archiveProject(deps, 'project-3f…'); // true once its trail is in the audit store
 */
export async function archiveProject(deps: ApiDeps, id: string): Promise<boolean> {
  if (await deps.audit.isArchived(id)) return true;
  const description = await deps.client.workflow.getHandle(id).describe();
  const status = description.status.name;
  if (status === 'RUNNING' || !description.closeTime) return false;
  const history = await readProjectHistory(deps, id);
  const trail = buildAuditTrail(id, [...history.events], await deps.audit.listDenials(id));
  await deps.audit.archiveTrail(id, {
    sopId: description.typedSearchAttributes.get(SOP_ID) ?? 'unknown',
    sopVersion: description.typedSearchAttributes.get(SOP_VERSION) ?? 'unknown',
    closedAt: description.closeTime.toISOString(),
    status: endedByTemporal(status) ?? description.typedSearchAttributes.get(SOP_STATUS) ?? 'completed',
    trail,
  });
  return true;
}

/**
 * Archives every closed project not archived yet, so trails outlive Temporal's retention. Runs
 * on a timer in the API process (see server/run-api.ts); one project's failure does not stop
 * the others and is reported.
 *
 * @example
 * const { archived, failed } = await archiveClosedProjects(deps);
 */
export async function archiveClosedProjects(deps: ApiDeps): Promise<ArchiveSweep> {
  const archived: string[] = [];
  const failed: { id: string; error: string }[] = [];
  for await (const execution of deps.client.workflow.list({ query: CLOSED_PROJECTS })) {
    const id = execution.workflowId;
    if (await deps.audit.isArchived(id)) continue;
    try {
      if (await archiveProject(deps, id)) archived.push(id);
    } catch (error) {
      failed.push({ id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { archived, failed };
}
