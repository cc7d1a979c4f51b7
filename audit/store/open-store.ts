import type { AuditStore } from './audit-store';
import { openPostgresAuditStore } from './postgres-store';
import { openSqliteAuditStore } from './sqlite-store';

/**
 * Where the audit store lives.
 *
 * @example
 * const options: AuditStoreOptions = { databaseUrl: process.env.DATABASE_URL, sqliteFile: 'data/audit.sqlite' };
 */
export interface AuditStoreOptions {
  /** A PostgreSQL connection string (`DATABASE_URL`); when set, the store uses PostgreSQL. */
  readonly databaseUrl?: string;
  /** The SQLite file used when there is no `databaseUrl`, e.g. `data/audit.sqlite`. */
  readonly sqliteFile: string;
}

/**
 * Opens the audit store: PostgreSQL when `databaseUrl` is set (several API processes share
 * it), else the SQLite file (one process, nothing to install).
 *
 * @example
 * const store = await openAuditStore({ databaseUrl: process.env.DATABASE_URL, sqliteFile: 'data/audit.sqlite' });
 * console.log(`audit archive: ${store.kind}`);
 */
export function openAuditStore(options: AuditStoreOptions): Promise<AuditStore> {
  const databaseUrl = options.databaseUrl?.trim();
  return databaseUrl ? openPostgresAuditStore(databaseUrl) : openSqliteAuditStore(options.sqliteFile);
}
