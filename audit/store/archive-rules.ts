/**
 * What both stores agree on about archives: which are acceptable, and when a second archive of
 * a project is the same one.
 */
import { canonicalJson } from '../canonical-json';
import { isIsoDateTime } from '../denial-record';
import { verifyTrail } from '../hash-chain';
import type { ArchiveOutcome, ArchiveRequest, ArchivedTrailSummary } from './audit-store';

/**
 * A refused or conflicting archive; `code` tells which.
 *
 * @example
 * try { await store.archiveTrail(id, archive); } catch (e) { if ((e as AuditArchiveError).code === 'AUDIT_ARCHIVE_CONFLICT') res.status(409); }
 */
export class AuditArchiveError extends Error {
  constructor(
    readonly code: 'AUDIT_ARCHIVE_CONFLICT' | 'AUDIT_ARCHIVE_INVALID',
    message: string,
  ) {
    super(`[${code}] ${message}`);
    this.name = 'AuditArchiveError';
  }
}

/**
 * An archive as both stores write it: the trail as canonical JSON text, plus what identifies it.
 *
 * @example
 * const row: ArchiveRow = prepareArchive(projectId, archive);
 */
export interface ArchiveRow extends ArchivedTrailSummary {
  readonly trailJson: string;
}

function archiveProblems(projectId: string, archive: ArchiveRequest): string[] {
  const problems: string[] = [];
  if (typeof projectId !== 'string' || projectId === '')
    problems.push('the project id must be a non-empty string');
  for (const field of ['sopId', 'sopVersion', 'status'] as const)
    if (typeof archive[field] !== 'string' || archive[field] === '')
      problems.push(`${field} must be a non-empty string`);
  if (typeof archive.closedAt !== 'string' || !isIsoDateTime(archive.closedAt))
    problems.push("closedAt must be an ISO 8601 date-time with a zone, e.g. '2026-12-07T13:48:00.844Z'");
  if (!Array.isArray(archive.trail) || archive.trail.length === 0)
    problems.push('trail must hold the entries of buildAuditTrail (at least the kickoff)');
  return problems;
}

/**
 * Checks an archive request and turns it into the row to store. The trail must verify: an
 * archive is evidence, so a broken chain is refused rather than preserved as if sound.
 *
 * @example
 * const row = prepareArchive('project-3f2a', { sopId, sopVersion, closedAt, status, trail });
 * row.lastHash === trail[trail.length - 1].hash; // true
 */
export function prepareArchive(
  projectId: string,
  archive: ArchiveRequest,
  now: Date = new Date(),
): ArchiveRow {
  const problems = archiveProblems(projectId, archive);
  if (problems.length > 0) {
    throw new AuditArchiveError(
      'AUDIT_ARCHIVE_INVALID',
      `cannot archive project '${String(projectId)}': ${problems.join('; ')}`,
    );
  }
  const verification = verifyTrail(archive.trail);
  if (!verification.ok) {
    throw new AuditArchiveError(
      'AUDIT_ARCHIVE_INVALID',
      `refusing to archive project '${projectId}': its trail does not verify (${verification.problem}: ${verification.detail}); rebuild it with buildAuditTrail`,
    );
  }
  return {
    projectId,
    sopId: archive.sopId,
    sopVersion: archive.sopVersion,
    closedAt: archive.closedAt,
    status: archive.status,
    entries: verification.entries,
    lastHash: verification.lastHash,
    archivedAt: now.toISOString(),
    trailJson: canonicalJson(archive.trail),
  };
}

const COMPARED = ['sopId', 'sopVersion', 'closedAt', 'status', 'entries', 'lastHash'] as const;

/**
 * The outcome of archiving `wanted` when `existing` is already stored: unchanged when they are
 * the same archive, else an `AUDIT_ARCHIVE_CONFLICT` naming every difference. Archives are
 * never overwritten: a second, different trail for one project means one of them is wrong.
 *
 * @example
 * sameArchiveOrThrow(storedSummary, row); // => { created: false, entries: 42, lastHash: '3fa8…' }
 */
export function sameArchiveOrThrow(existing: ArchivedTrailSummary, wanted: ArchiveRow): ArchiveOutcome {
  const differences = COMPARED.filter((field) => existing[field] !== wanted[field]).map(
    (field) =>
      `${field} is ${JSON.stringify(existing[field])} in the archive but ${JSON.stringify(wanted[field])} now`,
  );
  if (differences.length > 0) {
    throw new AuditArchiveError(
      'AUDIT_ARCHIVE_CONFLICT',
      `project '${wanted.projectId}' is already archived with a different trail: ${differences.join('; ')}. Archives are never overwritten; read the archived trail with readArchivedTrail('${wanted.projectId}') and verify both`,
    );
  }
  return { created: false, entries: existing.entries, lastHash: existing.lastHash };
}
