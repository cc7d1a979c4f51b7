export type {
  ArchiveOutcome,
  ArchiveRequest,
  ArchivedTrail,
  ArchivedTrailSummary,
  AuditStore,
} from './audit-store';
export { AuditArchiveError } from './archive-rules';
export { openAuditStore, type AuditStoreOptions } from './open-store';
export { openPostgresAuditStore } from './postgres-store';
export { openSqliteAuditStore } from './sqlite-store';
