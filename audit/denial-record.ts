import type { AccessDenial } from '../api/deps';
import type { AuditActor } from './audit-entry';

/**
 * An action the API refused with 403 (the actor may not do it). Refused actions never reach
 * Temporal's history, so the API records them itself; auditors want to see attempts too.
 *
 * @example
 * const denial: DenialRecord = {
 *   projectId: 'project-3f2a',
 *   at: '2026-12-03T09:15:00.000Z',
 *   actor: { user: 'li.na' },
 *   action: 'approve',
 *   step: 'review',
 *   reason: "only the assignee of step 'review' may approve",
 *   code: 'NOT_ALLOWED',
 *   method: 'POST',
 *   path: '/projects/project-3f2a/actions',
 * };
 */
export interface DenialRecord {
  readonly projectId: string;
  /** When the API refused, ISO 8601. */
  readonly at: string;
  readonly actor: AuditActor;
  /** The action attempted, as the API received it (`approve`, `task.update`, …). */
  readonly action: string;
  /** The 403's reason, as the API told the caller. */
  readonly reason: string;
  /** The rejection code (`NOT_ALLOWED`, …). */
  readonly code: string;
  readonly step?: string;
  readonly task?: string;
  /** The access rule that refused, when the API's policy names one (`auditor-read-only`, …). */
  readonly rule?: string;
  /** The refused request, e.g. `POST` and `/projects/project-3f2a/actions`. */
  readonly method?: string;
  readonly path?: string;
}

/** ISO 8601 date-time with a zone, as `Date.prototype.toISOString` and RFC 3339 write it. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * True when `value` is an ISO 8601 date-time with a zone (`2026-12-03T09:15:00.000Z`). Entries
 * are ordered by time, so a time without a zone, which means different instants on different
 * servers, is refused.
 *
 * @example
 * isIsoDateTime('2026-12-03T09:15:00Z'); // true
 * isIsoDateTime('2026-12-03 09:15'); // false
 */
export function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

const OPTIONAL_FIELDS = ['step', 'task', 'rule', 'method', 'path'] as const;

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function problemsOf(record: DenialRecord): string[] {
  const problems: string[] = [];
  if (!nonEmpty(record.projectId)) problems.push('projectId must be a non-empty string');
  if (!nonEmpty(record.at) || !isIsoDateTime(record.at))
    problems.push(`at must be an ISO 8601 date-time with a zone, e.g. '2026-12-03T09:15:00.000Z'`);
  if (!nonEmpty(record.actor?.user)) problems.push("actor.user must be a non-empty user id, e.g. 'li.na'");
  if (record.actor?.onBehalfOf !== undefined && !nonEmpty(record.actor.onBehalfOf))
    problems.push('actor.onBehalfOf, when given, must be a non-empty user id');
  if (record.actor?.via !== undefined && !nonEmpty(record.actor.via))
    problems.push('actor.via, when given, must be a non-empty user id');
  if (!nonEmpty(record.action)) problems.push("action must name the attempted action, e.g. 'approve'");
  if (!nonEmpty(record.reason)) problems.push('reason must say why the API refused');
  if (!nonEmpty(record.code)) problems.push("code must be the rejection code, e.g. 'NOT_ALLOWED'");
  for (const field of OPTIONAL_FIELDS)
    if (record[field] !== undefined && !nonEmpty(record[field]))
      problems.push(`${field}, when given, must be a non-empty string`);
  return problems;
}

/**
 * Throws a `TypeError` listing everything wrong with a denial record, so a store never keeps
 * one that would make a trail unreadable or out of order.
 *
 * @example
 * assertDenialRecord({ ...denial, at: 'yesterday' });
 * // TypeError: invalid denial record for project 'project-3f2a': at must be an ISO 8601 date-time …
 */
export function assertDenialRecord(record: DenialRecord): void {
  const problems = problemsOf(record);
  if (problems.length > 0) {
    const project = typeof record.projectId === 'string' ? ` for project '${record.projectId}'` : '';
    throw new TypeError(`invalid denial record${project}: ${problems.join('; ')}`);
  }
}

/**
 * The denial record of a refused access the API reports, or `undefined` when the request was
 * not about one project (a project's trail has no place for it).
 *
 * @example
 * const record = denialRecordOf(denial);
 * if (record) await store.recordDenial(record);
 */
export function denialRecordOf(denial: AccessDenial): DenialRecord | undefined {
  if (!denial.projectId) return undefined;
  return {
    projectId: denial.projectId,
    at: denial.at,
    actor: { user: denial.user, ...(denial.via ? { via: denial.via } : {}) },
    action: denial.action,
    reason: denial.reason,
    code: denial.code,
    ...(denial.rule ? { rule: denial.rule } : {}),
    ...(denial.method ? { method: denial.method } : {}),
    ...(denial.path ? { path: denial.path } : {}),
  };
}
