/**
 * How both stores lay denials and archives out in table rows, and read them back exactly.
 */
import type { AuditEntry } from '../audit-entry';
import type { DenialRecord } from '../denial-record';
import { parseTrail } from '../export';
import type { ArchiveRow } from './archive-rules';
import type { ArchivedTrail, ArchivedTrailSummary } from './audit-store';

/**
 * An archived trail read back from its stored JSON text.
 *
 * @example
 * const archived = archivedTrailOf(summary, row.entries_json);
 */
export function archivedTrailOf(summary: ArchivedTrailSummary, trailJson: string): ArchivedTrail {
  const trail: AuditEntry[] = parseTrail(trailJson, 'json');
  return { ...summary, trail };
}

/**
 * A denial as both stores keep it: one column per field, `null` for absent optional ones.
 *
 * @example
 * const row: DenialRow = denialToRow(denial);
 */
export interface DenialRow {
  readonly project_id: string;
  readonly at: string;
  readonly actor_user: string;
  readonly on_behalf_of: string | null;
  readonly via: string | null;
  readonly action: string;
  readonly reason: string;
  readonly code: string;
  readonly step: string | null;
  readonly task: string | null;
  readonly rule: string | null;
  readonly method: string | null;
  readonly path: string | null;
}

/**
 * The row of a denial record.
 *
 * @example
 * denialToRow(denial).actor_user; // => 'li.na'
 */
export function denialToRow(record: DenialRecord): DenialRow {
  return {
    project_id: record.projectId,
    at: record.at,
    actor_user: record.actor.user,
    on_behalf_of: record.actor.onBehalfOf ?? null,
    via: record.actor.via ?? null,
    action: record.action,
    reason: record.reason,
    code: record.code,
    step: record.step ?? null,
    task: record.task ?? null,
    rule: record.rule ?? null,
    method: record.method ?? null,
    path: record.path ?? null,
  };
}

/**
 * A denial record read back: absent optional fields stay absent, so a trail built from it
 * hashes exactly like one built from the record as recorded.
 *
 * @example
 * denialFromRow(denialToRow(denial)); // deep-equals denial
 */
export function denialFromRow(row: DenialRow): DenialRecord {
  return {
    projectId: row.project_id,
    at: row.at,
    actor: {
      user: row.actor_user,
      ...(row.on_behalf_of === null ? {} : { onBehalfOf: row.on_behalf_of }),
      ...(row.via === null || row.via === undefined ? {} : { via: row.via }),
    },
    action: row.action,
    reason: row.reason,
    code: row.code,
    ...(row.step === null ? {} : { step: row.step }),
    ...(row.task === null ? {} : { task: row.task }),
    ...(row.rule === null ? {} : { rule: row.rule }),
    ...(row.method === null ? {} : { method: row.method }),
    ...(row.path === null ? {} : { path: row.path }),
  };
}

/**
 * The columns of a denial row, in the order the stores' INSERT statements list them.
 *
 * @example
 * `INSERT INTO audit_denials (${DENIAL_COLUMNS.join(', ')}) VALUES (…)`;
 */
export const DENIAL_COLUMNS = [
  'project_id',
  'at',
  'actor_user',
  'on_behalf_of',
  'via',
  'action',
  'reason',
  'code',
  'step',
  'task',
  'rule',
  'method',
  'path',
] as const;

/**
 * The columns of an archive row, in the order the stores' INSERT statements list them.
 *
 * @example
 * `INSERT INTO audit_archives (${ARCHIVE_COLUMNS.join(', ')}) VALUES (…)`;
 */
export const ARCHIVE_COLUMNS = [
  'project_id',
  'sop_id',
  'sop_version',
  'closed_at',
  'status',
  'entry_count',
  'last_hash',
  'entries',
  'archived_at',
] as const;

/**
 * An archive row's values in {@link ARCHIVE_COLUMNS} order.
 *
 * @example
 * db.run(`INSERT INTO audit_archives (…) VALUES (?, …)`, archiveValues(row));
 */
export function archiveValues(row: ArchiveRow): (string | number)[] {
  return [
    row.projectId,
    row.sopId,
    row.sopVersion,
    row.closedAt,
    row.status,
    row.entries,
    row.lastHash,
    row.trailJson,
    row.archivedAt,
  ];
}

/**
 * An archive summary as the stores select it.
 *
 * @example
 * const summary = summaryFromRow(row as ArchiveSummaryRow);
 */
export interface ArchiveSummaryRow {
  readonly project_id: string;
  readonly sop_id: string;
  readonly sop_version: string;
  readonly closed_at: string;
  readonly status: string;
  readonly entry_count: number | string;
  readonly last_hash: string;
  readonly archived_at: string;
}

/**
 * The SELECT list of {@link ArchiveSummaryRow}.
 *
 * @example
 * `SELECT ${ARCHIVE_SUMMARY_SELECT} FROM audit_archives WHERE project_id = $1`;
 */
export const ARCHIVE_SUMMARY_SELECT =
  'project_id, sop_id, sop_version, closed_at, status, entry_count, last_hash, archived_at';

/**
 * A summary read back from its row.
 *
 * @example
 * summaryFromRow(row).entries; // => 42
 */
export function summaryFromRow(row: ArchiveSummaryRow): ArchivedTrailSummary {
  return {
    projectId: row.project_id,
    sopId: row.sop_id,
    sopVersion: row.sop_version,
    closedAt: row.closed_at,
    status: row.status,
    entries: Number(row.entry_count),
    lastHash: row.last_hash,
    archivedAt: row.archived_at,
  };
}
