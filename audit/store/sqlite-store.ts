import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { assertDenialRecord, type DenialRecord } from '../denial-record';
import { prepareArchive, sameArchiveOrThrow } from './archive-rules';
import type {
  ArchiveOutcome,
  ArchiveRequest,
  ArchivedTrail,
  ArchivedTrailSummary,
  AuditStore,
} from './audit-store';
import { writeFileAtomically } from './atomic-write';
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

const SCHEMA = auditSchema('INTEGER PRIMARY KEY AUTOINCREMENT');

/** Files written before a column existed get it added (`via`: relayed actions, 2026-11). */
function addMissingColumns(db: Database): void {
  const columns = db.exec('PRAGMA table_info(audit_denials)')[0]?.values.map((row) => String(row[1])) ?? [];
  if (!columns.includes('via')) db.exec('ALTER TABLE audit_denials ADD COLUMN via TEXT');
}

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

// The WASM module is loaded once per process; every store shares it.
let sqlJs: Promise<SqlJsStatic> | undefined;

function loadDatabase(SQL: SqlJsStatic, file: string): Database {
  if (!existsSync(file)) return new SQL.Database();
  try {
    const db = new SQL.Database(readFileSync(file));
    db.exec(SCHEMA);
    addMissingColumns(db);
    return db;
  } catch (error) {
    throw new Error(
      `cannot open the audit archive ${file}: ${(error as Error).message}; it must be a SQLite database written by this store (move the file away to start a new archive)`,
    );
  }
}

/** The audit store in one SQLite file, run in-process by sql.js (SQLite compiled to WebAssembly). */
class SqliteAuditStore implements AuditStore {
  readonly kind = 'sqlite';
  private open = true;

  constructor(
    private readonly db: Database,
    private readonly file: string,
  ) {}

  /** Every method is synchronous inside, so one process never interleaves a read and its write. */
  private use(): Database {
    if (!this.open)
      throw new Error(`the audit store ${this.file} is closed; open it again with openSqliteAuditStore`);
    return this.db;
  }

  /** Runs a synchronous piece of work as a promise, so callers see failures as rejections. */
  private attempt<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Writes the whole database back: sql.js keeps it in memory. */
  persist(): void {
    writeFileAtomically(this.file, this.use().export());
  }

  private select<Row>(sql: string, params: SqlValue[] = []): Row[] {
    const statement = this.use().prepare(sql, params);
    try {
      const rows: Row[] = [];
      while (statement.step()) rows.push(statement.getAsObject() as unknown as Row);
      return rows;
    } finally {
      statement.free();
    }
  }

  recordDenial(record: DenialRecord): Promise<void> {
    return this.attempt(() => {
      assertDenialRecord(record);
      const row = denialToRow(record);
      this.use().run(
        `INSERT INTO audit_denials (${DENIAL_COLUMNS.join(', ')}) VALUES (${placeholders(DENIAL_COLUMNS.length)})`,
        DENIAL_COLUMNS.map((column) => row[column]),
      );
      this.persist();
    });
  }

  listDenials(projectId: string): Promise<DenialRecord[]> {
    return this.attempt(() =>
      this.select<DenialRow>(
        `SELECT ${DENIAL_COLUMNS.join(', ')} FROM audit_denials WHERE project_id = ? ORDER BY id`,
        [projectId],
      ).map(denialFromRow),
    );
  }

  archiveTrail(projectId: string, archive: ArchiveRequest): Promise<ArchiveOutcome> {
    return this.attempt(() => {
      const row = prepareArchive(projectId, archive);
      const db = this.use();
      db.run(
        `INSERT OR IGNORE INTO audit_archives (${ARCHIVE_COLUMNS.join(', ')}) VALUES (${placeholders(ARCHIVE_COLUMNS.length)})`,
        archiveValues(row),
      );
      if (db.getRowsModified() !== 1)
        return sameArchiveOrThrow(this.summaryOf(projectId) as ArchivedTrailSummary, row);
      this.persist();
      return { created: true, entries: row.entries, lastHash: row.lastHash };
    });
  }

  private summaryOf(projectId: string): ArchivedTrailSummary | undefined {
    const [row] = this.select<ArchiveSummaryRow>(
      `SELECT ${ARCHIVE_SUMMARY_SELECT} FROM audit_archives WHERE project_id = ?`,
      [projectId],
    );
    return row ? summaryFromRow(row) : undefined;
  }

  readArchivedTrail(projectId: string): Promise<ArchivedTrail | undefined> {
    return this.attempt(() => {
      const [row] = this.select<ArchiveSummaryRow & { entries: string }>(
        `SELECT ${ARCHIVE_SUMMARY_SELECT}, entries FROM audit_archives WHERE project_id = ?`,
        [projectId],
      );
      return row ? archivedTrailOf(summaryFromRow(row), row.entries) : undefined;
    });
  }

  listArchivedProjects(): Promise<ArchivedTrailSummary[]> {
    return this.attempt(() =>
      this.select<ArchiveSummaryRow>(
        `SELECT ${ARCHIVE_SUMMARY_SELECT} FROM audit_archives ORDER BY closed_at, project_id`,
      ).map(summaryFromRow),
    );
  }

  isArchived(projectId: string): Promise<boolean> {
    return this.attempt(() => this.summaryOf(projectId) !== undefined);
  }

  close(): Promise<void> {
    if (this.open) {
      this.open = false;
      this.db.close();
    }
    return Promise.resolve();
  }
}

/**
 * Opens (or creates) the audit store in a SQLite file: loads the file when it exists, creates
 * the tables when missing, and writes the whole database back atomically (temporary file, then
 * rename) after every change, creating parent folders as needed. Meant for one API process at
 * a time: two processes writing one file would overwrite each other's changes; several API
 * processes share a PostgreSQL database instead (`DATABASE_URL`).
 *
 * @example
 * const store = await openSqliteAuditStore('data/audit.sqlite');
 */
export async function openSqliteAuditStore(file: string): Promise<AuditStore> {
  if (typeof file !== 'string' || file === '') {
    throw new TypeError("openSqliteAuditStore needs the SQLite file's path, e.g. 'data/audit.sqlite'");
  }
  const path = resolve(file);
  sqlJs ??= initSqlJs();
  const isNew = !existsSync(path);
  const db = loadDatabase(await sqlJs, path);
  const store = new SqliteAuditStore(db, path);
  if (isNew) {
    db.exec(SCHEMA);
    store.persist();
  }
  return store;
}
