/**
 * The audit store's tables, the same in SQLite and PostgreSQL except for how the denials' row id
 * counts up. Plain TEXT for times and entries on purpose: a stored trail must hash the same when
 * read back, and jsonb would reorder keys.
 */

/** `INTEGER PRIMARY KEY AUTOINCREMENT` (SQLite) or `BIGSERIAL PRIMARY KEY` (PostgreSQL). */
export type RowIdColumn = 'INTEGER PRIMARY KEY AUTOINCREMENT' | 'BIGSERIAL PRIMARY KEY';

/**
 * The DDL that creates both tables and the denials' index when missing.
 *
 * @example
 * db.exec(auditSchema('INTEGER PRIMARY KEY AUTOINCREMENT'));
 */
export function auditSchema(rowId: RowIdColumn): string {
  return `
CREATE TABLE IF NOT EXISTS audit_denials (
  id ${rowId},
  project_id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor_user TEXT NOT NULL,
  on_behalf_of TEXT,
  via TEXT,
  action TEXT NOT NULL,
  reason TEXT NOT NULL,
  code TEXT NOT NULL,
  step TEXT,
  task TEXT,
  rule TEXT,
  method TEXT,
  path TEXT
);
CREATE INDEX IF NOT EXISTS audit_denials_by_project ON audit_denials (project_id, id);
CREATE TABLE IF NOT EXISTS audit_archives (
  project_id TEXT PRIMARY KEY,
  sop_id TEXT NOT NULL,
  sop_version TEXT NOT NULL,
  closed_at TEXT NOT NULL,
  status TEXT NOT NULL,
  entry_count INTEGER NOT NULL,
  last_hash TEXT NOT NULL,
  entries TEXT NOT NULL,
  archived_at TEXT NOT NULL
);
`;
}
