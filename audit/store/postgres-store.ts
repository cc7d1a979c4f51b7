import { Pool, type PoolClient } from 'pg';
import { assertDenialRecord, type DenialRecord } from '../denial-record';
import { prepareArchive, sameArchiveOrThrow } from './archive-rules';
import type {
  ArchiveOutcome,
  ArchiveRequest,
  ArchivedTrail,
  ArchivedTrailSummary,
  AuditStore,
} from './audit-store';
import {
  ARCHIVE_COLUMNS,
  ARCHIVE_SUMMARY_SELECT,
  archivedTrailOf,
  archiveValues,
  DENIAL_COLUMNS,
  denialFromRow,
  denialToRow,
  summaryFromRow,
  type ArchiveSummaryRow,
  type DenialRow,
} from './rows';
import { auditSchema } from './schema';

/* Text columns keep times and the trail's JSON exactly as written: a trail rebuilt from them
 * must hash the same, and jsonb would reorder keys and refuse some strings (\u0000). */
const SCHEMA = `${auditSchema('BIGSERIAL PRIMARY KEY')}
-- Tables made before a column existed get it (via: relayed actions).
ALTER TABLE audit_denials ADD COLUMN IF NOT EXISTS via TEXT;
`;

// Any fixed number: API processes starting together take turns creating the tables, because
// concurrent CREATE TABLE IF NOT EXISTS can still collide in PostgreSQL's catalogue.
const SCHEMA_LOCK = 7_314_159;

const placeholders = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');

/** The connection string without its password, for error messages and logs. */
function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(a connection string that is not a URL)';
  }
}

async function createSchema(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query(SCHEMA);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** The audit store in a PostgreSQL database, shared by every API process that uses it. */
class PostgresAuditStore implements AuditStore {
  readonly kind = 'postgres';

  constructor(private readonly pool: Pool) {}

  async recordDenial(record: DenialRecord): Promise<void> {
    assertDenialRecord(record);
    const row = denialToRow(record);
    await this.pool.query(
      `INSERT INTO audit_denials (${DENIAL_COLUMNS.join(', ')}) VALUES (${placeholders(1, DENIAL_COLUMNS.length)})`,
      DENIAL_COLUMNS.map((column) => row[column]),
    );
  }

  async listDenials(projectId: string): Promise<DenialRecord[]> {
    const { rows } = await this.pool.query<DenialRow>(
      `SELECT ${DENIAL_COLUMNS.join(', ')} FROM audit_denials WHERE project_id = $1 ORDER BY id`,
      [projectId],
    );
    return rows.map(denialFromRow);
  }

  async archiveTrail(projectId: string, archive: ArchiveRequest): Promise<ArchiveOutcome> {
    const row = prepareArchive(projectId, archive);
    // ON CONFLICT DO NOTHING: of two processes archiving one project at once, exactly one writes.
    const inserted = await this.pool.query(
      `INSERT INTO audit_archives (${ARCHIVE_COLUMNS.join(', ')}) VALUES (${placeholders(1, ARCHIVE_COLUMNS.length)})
       ON CONFLICT (project_id) DO NOTHING`,
      archiveValues(row),
    );
    if (inserted.rowCount === 1) return { created: true, entries: row.entries, lastHash: row.lastHash };
    const existing = (await this.summaryOf(projectId)) as ArchivedTrailSummary;
    return sameArchiveOrThrow(existing, row);
  }

  private async summaryOf(projectId: string): Promise<ArchivedTrailSummary | undefined> {
    const { rows } = await this.pool.query<ArchiveSummaryRow>(
      `SELECT ${ARCHIVE_SUMMARY_SELECT} FROM audit_archives WHERE project_id = $1`,
      [projectId],
    );
    return rows[0] ? summaryFromRow(rows[0]) : undefined;
  }

  async readArchivedTrail(projectId: string): Promise<ArchivedTrail | undefined> {
    const { rows } = await this.pool.query<ArchiveSummaryRow & { entries: string }>(
      `SELECT ${ARCHIVE_SUMMARY_SELECT}, entries FROM audit_archives WHERE project_id = $1`,
      [projectId],
    );
    return rows[0] ? archivedTrailOf(summaryFromRow(rows[0]), rows[0].entries) : undefined;
  }

  async listArchivedProjects(): Promise<ArchivedTrailSummary[]> {
    const { rows } = await this.pool.query<ArchiveSummaryRow>(
      `SELECT ${ARCHIVE_SUMMARY_SELECT} FROM audit_archives ORDER BY closed_at, project_id`,
    );
    return rows.map(summaryFromRow);
  }

  async isArchived(projectId: string): Promise<boolean> {
    return (await this.summaryOf(projectId)) !== undefined;
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}

/**
 * Opens the audit store in a PostgreSQL database: a connection pool from the connection string,
 * and the tables created when missing. Every query is parameterised. Throws, naming the server
 * (password hidden), when the database cannot be reached.
 *
 * @example
 * const store = await openPostgresAuditStore('postgresql://sop:secret@db.internal:5432/sop');
 */
export async function openPostgresAuditStore(connectionString: string): Promise<AuditStore> {
  const pool = new Pool({ connectionString, max: 5 });
  // An idle connection that breaks (server restart) is dropped from the pool; the next query
  // reports the problem. Without a listener the error event would crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await createSchema(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw new Error(
      `cannot use the audit database ${redact(connectionString)}: ${(error as Error).message}; check DATABASE_URL and that the server accepts connections`,
    );
  }
  return new PostgresAuditStore(pool);
}
