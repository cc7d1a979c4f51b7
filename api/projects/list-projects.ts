import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { PROJECT_WORKFLOW } from '../../workflows/messages';
import {
  SOP_CURRENT_STEP,
  SOP_ID,
  SOP_LEAD_DEPARTMENT,
  SOP_NEXT_DEADLINE,
  SOP_OVERDUE,
  SOP_OWNER,
  SOP_STATUS,
  SOP_VERSION,
} from '../../workflows/search-attributes';
import type { Principal } from '../auth/principal';
import { ROLES } from '../authz/policy';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { withTemporalDeadline } from '../temporal-deadline';
import { endedByTemporal } from './temporal-end';

export interface ProjectFilter {
  readonly sop?: string;
  readonly status?: string;
  readonly department?: string;
  readonly owner?: string;
  readonly overdue?: boolean;
  readonly pageSize: number;
  readonly pageToken?: string;
}

/** Values go into a visibility query: only plain ids, so nothing can change the query's meaning. */
const SAFE_VALUE = /^[A-Za-z0-9._:@-]{1,200}$/;

/**
 * A value as a quoted visibility-query literal; anything but a plain id is refused (400).
 *
 * @example
 * `SopId = ${visibilityLiteral('sop', 'new-product-launch')}`; // "SopId = 'new-product-launch'"
 */
export function visibilityLiteral(name: string, value: string): string {
  if (!SAFE_VALUE.test(value)) {
    throw new ApiError(
      'INVALID_QUERY',
      `${name} must be an id (letters, digits, . _ : @ -), not ${JSON.stringify(value)}`,
    );
  }
  return `'${value}'`;
}

/** Closed projects whose workflow ended otherwise than by the SOP have no final SopStatus. */
const TEMPORAL_STATUSES: Record<string, string> = {
  failed: 'Failed',
  terminated: 'Terminated',
  timed_out: 'TimedOut',
};

/** What a caller who may not read everything sees: projects they own or of the departments they belong to or head. */
function scopeOf(principal: Principal): string | undefined {
  if ([ROLES.auditor, ROLES.opsAdmin, ROLES.integration].some((r) => principal.roles.includes(r)))
    return undefined;
  const departments = [...new Set([principal.department, ...principal.heads])];
  return [
    `SopOwner = ${visibilityLiteral('owner', principal.id)}`,
    ...departments.map((d) => `SopLeadDepartment = ${visibilityLiteral('department', d)}`),
  ].join(' OR ');
}

/**
 * The visibility query for a filter, as Temporal's list API takes it.
 *
 * @example
 * visibilityQuery({ sop: 'new-product-launch', overdue: true, pageSize: 20 }, principal);
 * // "WorkflowType = 'sopProject' AND SopId = 'new-product-launch' AND SopOverdue = true AND (…)"
 */
export function visibilityQuery(filter: ProjectFilter, principal: Principal): string {
  const clauses = [`WorkflowType = '${PROJECT_WORKFLOW}'`];
  if (filter.sop) clauses.push(`SopId = ${visibilityLiteral('sop', filter.sop)}`);
  if (filter.status) {
    const temporal = TEMPORAL_STATUSES[filter.status];
    clauses.push(
      temporal
        ? `ExecutionStatus = '${temporal}'`
        : `SopStatus = ${visibilityLiteral('status', filter.status)}`,
    );
    // A project terminated from outside keeps its last SopStatus: 'active' means really running.
    if (filter.status === 'active') clauses.push(`ExecutionStatus = 'Running'`);
  }
  if (filter.department)
    clauses.push(`SopLeadDepartment = ${visibilityLiteral('department', filter.department)}`);
  if (filter.owner) clauses.push(`SopOwner = ${visibilityLiteral('owner', filter.owner)}`);
  if (filter.overdue !== undefined) clauses.push(`SopOverdue = ${filter.overdue}`);
  const scope = scopeOf(principal);
  if (scope) clauses.push(`(${scope})`);
  return clauses.join(' AND ');
}

/**
 * Page tokens are Temporal's, signed by this process: a token it did not give out is refused at
 * once, instead of reaching Temporal (which retries garbage for half a minute before failing).
 * The key lives as long as the process, so after a restart a listing starts again from page one.
 */
const PAGE_TOKEN_KEY = randomBytes(32);
const MAC_BYTES = 16;

function mac(raw: Uint8Array): Buffer {
  return createHmac('sha256', PAGE_TOKEN_KEY).update(raw).digest().subarray(0, MAC_BYTES);
}

function encodeToken(raw: Uint8Array): string {
  return Buffer.concat([mac(raw), raw]).toString('base64url');
}

function decodeToken(token: string | undefined): Uint8Array | undefined {
  if (token === undefined) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  const raw = bytes.subarray(MAC_BYTES);
  if (bytes.length <= MAC_BYTES || !timingSafeEqual(bytes.subarray(0, MAC_BYTES), mac(raw))) {
    throw new ApiError(
      'INVALID_QUERY',
      'pageToken is not one this server gave out (or it has restarted since); pass nextPageToken unchanged, or start from the first page',
    );
  }
  return raw;
}

const iso = (date: Date | undefined) => (date ? date.toISOString() : undefined);

function statusOf(
  closed: boolean,
  workflowStatus: number | null | undefined,
  sopStatus: string | undefined,
): string {
  const ended = closed ? endedByTemporal(workflowStatus) : undefined;
  return ended ?? sopStatus ?? (closed ? 'completed' : 'active');
}

/**
 * One page of projects matching the filter, newest first, from Temporal's visibility store.
 *
 * @example
 * const page = await listProjects(deps, { status: 'active', pageSize: 20 }, principal);
 */
export async function listProjects(deps: ApiDeps, filter: ProjectFilter, principal: Principal) {
  const query = visibilityQuery(filter, principal);
  const nextPageToken = decodeToken(filter.pageToken);
  const response = await withTemporalDeadline(deps, () =>
    deps.client.workflowService.listWorkflowExecutions({
      namespace: deps.namespace,
      query,
      pageSize: filter.pageSize,
      ...(nextPageToken ? { nextPageToken } : {}),
    }),
  );
  const projects = (response.executions ?? []).map((execution) => {
    const attributes = decodeTypedSearchAttributes(execution.searchAttributes?.indexedFields);
    const id = execution.execution?.workflowId ?? '';
    const closedAt = execution.closeTime?.seconds
      ? new Date(Number(execution.closeTime.seconds) * 1000)
      : undefined;
    const startedAt = new Date(Number(execution.startTime?.seconds ?? 0) * 1000);
    const version = attributes.get(SOP_VERSION);
    const owner = attributes.get(SOP_OWNER);
    const department = attributes.get(SOP_LEAD_DEPARTMENT);
    const next = attributes.get(SOP_NEXT_DEADLINE);
    return {
      id,
      status: statusOf(closedAt !== undefined, execution.status, attributes.get(SOP_STATUS)),
      sop: { id: attributes.get(SOP_ID) ?? 'unknown', ...(version ? { version } : {}) },
      ...(owner ? { owner } : {}),
      ...(department ? { leadDepartment: department } : {}),
      currentSteps: [...(attributes.get(SOP_CURRENT_STEP) ?? [])],
      overdue: attributes.get(SOP_OVERDUE) ?? false,
      ...(next ? { nextDeadline: iso(next) } : {}),
      startedAt: startedAt.toISOString(),
      ...(closedAt ? { closedAt: closedAt.toISOString() } : {}),
      links: { self: `/projects/${encodeURIComponent(id)}` },
    };
  });
  const token =
    response.nextPageToken && response.nextPageToken.length > 0
      ? encodeToken(response.nextPageToken)
      : undefined;
  return { projects, ...(token ? { nextPageToken: token } : {}) };
}
