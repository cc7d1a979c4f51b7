import type { AuditEntry } from '../audit-entry';
import type { DenialRecord } from '../denial-record';

/**
 * What a closed project's archive is made of: which SOP it ran, how it ended, and its trail.
 *
 * @example
 * const archive: ArchiveRequest = { sopId: 'expense-claim', sopVersion: '1.0.0', closedAt, status: 'completed', trail };
 */
export interface ArchiveRequest {
  readonly sopId: string;
  readonly sopVersion: string;
  /** When the project closed, ISO 8601. */
  readonly closedAt: string;
  /** How it closed: `completed`, `cancelled`, `terminated`, … */
  readonly status: string;
  readonly trail: readonly AuditEntry[];
}

/**
 * An archived trail without its entries, as {@link AuditStore.listArchivedProjects} lists them.
 *
 * @example
 * (await store.listArchivedProjects()).map((p) => `${p.projectId} ${p.status} ${p.lastHash}`);
 */
export interface ArchivedTrailSummary {
  readonly projectId: string;
  readonly sopId: string;
  readonly sopVersion: string;
  readonly closedAt: string;
  readonly status: string;
  /** How many entries the trail has, and its last hash: what a later copy must match. */
  readonly entries: number;
  readonly lastHash: string;
  /** When the store archived it, ISO 8601. */
  readonly archivedAt: string;
}

/**
 * An archived trail with its entries.
 *
 * @example
 * const archived = await store.readArchivedTrail(id);
 * if (archived) verifyTrail(archived.trail, archived);
 */
export interface ArchivedTrail extends ArchivedTrailSummary {
  readonly trail: AuditEntry[];
}

/**
 * What {@link AuditStore.archiveTrail} did: `created` is false when the same trail was already there.
 *
 * @example
 * const { created } = await store.archiveTrail(id, archive); // false when it was archived already
 */
export interface ArchiveOutcome {
  readonly created: boolean;
  readonly entries: number;
  readonly lastHash: string;
}

/**
 * Where audit records outlive Temporal: access denials the API recorded (they never reach
 * Temporal's history) and the trails of closed projects (Temporal deletes a closed workflow's
 * history after the namespace's retention period). Archives are write-once: a project is
 * archived once, and archiving it again with the same trail changes nothing.
 *
 * Implementations: `openSqliteAuditStore` (a file, the default) and `openPostgresAuditStore`
 * (`DATABASE_URL`); `openAuditStore` picks one.
 *
 * @example
 * const store = await openAuditStore({ databaseUrl: process.env.DATABASE_URL, sqliteFile: 'data/audit.sqlite' });
 * await store.recordDenial({ projectId, at, actor: { user: 'li.na' }, action: 'approve', reason, code: 'NOT_ALLOWED' });
 * const trail = buildAuditTrail(projectId, events, await store.listDenials(projectId));
 * await store.archiveTrail(projectId, { sopId, sopVersion, closedAt, status: 'completed', trail });
 * await store.close();
 */
export interface AuditStore {
  /** Which database backs the store, for start-up logs. */
  readonly kind: 'sqlite' | 'postgres';
  /** Keeps one refused access; throws a `TypeError` for an incomplete record. */
  recordDenial(record: DenialRecord): Promise<void>;
  /** A project's denials, in the order they were recorded. */
  listDenials(projectId: string): Promise<DenialRecord[]>;
  /**
   * Archives a closed project's trail, once. The trail must verify. Archiving the same trail
   * again returns `created: false`; a different trail or different details for an archived
   * project throw an `AuditArchiveError` with code `AUDIT_ARCHIVE_CONFLICT`.
   */
  archiveTrail(projectId: string, archive: ArchiveRequest): Promise<ArchiveOutcome>;
  readArchivedTrail(projectId: string): Promise<ArchivedTrail | undefined>;
  /** Every archived project, oldest close first. */
  listArchivedProjects(): Promise<ArchivedTrailSummary[]>;
  isArchived(projectId: string): Promise<boolean>;
  /** Releases the database; the store cannot be used afterwards. */
  close(): Promise<void>;
}
