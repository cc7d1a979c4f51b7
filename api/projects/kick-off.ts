import { WorkflowExecutionAlreadyStartedError, type WorkflowExecutionDescription } from '@temporalio/client';
import { hashOf } from '../../engine/compiler';
import { PROJECT_WORKFLOW } from '../../workflows/messages';
import { SOP_OWNER, SOP_STATUS } from '../../workflows/search-attributes';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { isWorkflowNotFound } from '../temporal-errors';
import { initialSearchAttributes } from './initial-search-attributes';
import type { KickoffRequest } from './kickoff-request';
import { prepareKickoff } from './prepare-kickoff';
import { projectIdFor } from './project-id';
import { summarizeProject, type PinnedSop, type ProjectSummary } from './project-summary';

/** A kickoff's result: a new project (201) or the one this key already made (200). */
export interface KickoffOutcome {
  readonly created: boolean;
  readonly project: ProjectSummary;
}

/** What a project keeps of its kickoff in the workflow memo, where describe() reads it back cheaply. */
export interface KickoffMemo {
  readonly sop: PinnedSop;
  /** Who kicked the project off (the authenticated caller). */
  readonly owner?: string;
  /** Hash of the request as sent, to tell a retry from a different request under the same key. */
  readonly request: string;
}

function fingerprint(request: KickoffRequest): string {
  return hashOf({ sop: request.sop, version: request.version ?? null, input: request.input });
}

async function describeProject(deps: ApiDeps, id: string): Promise<WorkflowExecutionDescription | undefined> {
  try {
    return await deps.client.workflow.getHandle(id).describe();
  } catch (error) {
    if (isWorkflowNotFound(error)) return undefined;
    throw error;
  }
}

/** The status of an existing project: the workflow's own SopStatus, unless Temporal ended it. */
function statusOf(description: WorkflowExecutionDescription): string {
  const name = description.status.name;
  if (name !== 'RUNNING' && name !== 'COMPLETED' && name !== 'CONTINUED_AS_NEW') return name.toLowerCase();
  return description.typedSearchAttributes.get(SOP_STATUS) ?? (name === 'COMPLETED' ? 'completed' : 'active');
}

function repeatOf(
  id: string,
  key: string,
  request: KickoffRequest,
  description: WorkflowExecutionDescription,
) {
  const memo = description.memo as Partial<KickoffMemo> | undefined;
  if (memo?.request !== undefined && memo.request !== fingerprint(request)) {
    throw new ApiError(
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key '${key}' already started project ${id} with a different request; ` +
        'send the same body to get that project again, or use a new key for a new project',
      { project: id },
    );
  }
  const sop = memo?.sop ?? { id: request.sop, version: request.version ?? 'unknown', hash: 'unknown' };
  return { created: false, project: summarizeProject(id, sop, statusOf(description)) };
}

/**
 * Starts a project once per Idempotency-Key. The workflow id is derived from the key, and
 * Temporal refuses a second workflow with that id whether the first is running
 * (`workflowIdConflictPolicy: FAIL`) or closed (`workflowIdReusePolicy: REJECT_DUPLICATE`), so
 * concurrent or late retries can never make two projects; they get the existing one instead.
 * (`USE_EXISTING` would cover running projects only, and the 1.24 client does not say whether
 * it started anything.) A key reused with a different body is refused.
 *
 * @example
 * const { created, project } = await kickOffProject(deps, 'crm-order-8812', { sop: 'new-product-launch', input }, 'he.yun');
 * res.status(created ? 201 : 200).json(project);
 */
export async function kickOffProject(
  deps: ApiDeps,
  key: string,
  request: KickoffRequest,
  owner: string,
): Promise<KickoffOutcome> {
  const id = projectIdFor(key);
  // A retry gets its project back even if the catalogue changed since the first request.
  const existing = await describeProject(deps, id);
  if (existing) return repeatOf(id, key, request, existing);

  const { entry, args } = prepareKickoff(deps.catalogue, deps.org, request);
  const sop: PinnedSop = { id: entry.id, version: entry.version, hash: entry.hash };
  const memo: KickoffMemo = { sop, request: fingerprint(request), owner };
  try {
    await deps.client.workflow.start(PROJECT_WORKFLOW, {
      args: [args],
      taskQueue: deps.taskQueue,
      workflowId: id,
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [...initialSearchAttributes(args, Date.now()), { key: SOP_OWNER, value: owner }],
      memo: { ...memo },
    });
    return { created: true, project: summarizeProject(id, sop, 'active') };
  } catch (error) {
    // Another request with the same key won the race: answer with its project.
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    const winner = await describeProject(deps, id);
    if (!winner) throw error;
    return repeatOf(id, key, request, winner);
  }
}
