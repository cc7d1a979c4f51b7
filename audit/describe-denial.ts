import { auditActor, type UnchainedAuditEntry } from './audit-entry';
import type { DenialRecord } from './denial-record';
import { actorName, quote, stepName, taskName } from './wording';

function target(record: DenialRecord): string {
  if (record.task !== undefined)
    return ` on ${taskName(record.task)}${record.step ? ` of ${stepName(record.step)}` : ''}`;
  return record.step !== undefined ? ` on ${stepName(record.step)}` : '';
}

/**
 * An access the API refused (403), as an audit entry. Refused actions never reach Temporal, so
 * these come from the API's own records: `source` is `{ kind: 'api' }`.
 *
 * @example
 * describeDenial(denial).summary;
 * // => "li.na tried to 'approve' on step 'review' and was refused [NOT_ALLOWED]: “only the assignee …”."
 */
export function describeDenial(record: DenialRecord): UnchainedAuditEntry {
  return {
    at: record.at,
    actor: auditActor(record.actor),
    action: 'access.denied',
    summary: `${actorName(record.actor)} tried to '${record.action}'${target(record)} and was refused [${record.code}]: ${quote(record.reason)}.`,
    ...(record.step !== undefined ? { step: record.step } : {}),
    ...(record.task !== undefined ? { task: record.task } : {}),
    reason: record.reason,
    after: {
      attempted: record.action,
      code: record.code,
      ...(record.rule !== undefined ? { rule: record.rule } : {}),
      ...(record.method !== undefined && record.path !== undefined
        ? { request: `${record.method} ${record.path}` }
        : {}),
    },
    source: { kind: 'api' },
  };
}
