/**
 * The tamper-evident audit trail of a project: entries built from its Temporal history and the
 * API's access denials, hash-chained, exported as JSON, JSONL or CSV, verified, and archived
 * when the project closes. See docs/audit.md.
 */
export {
  SYSTEM_USER,
  type AuditAction,
  type AuditActor,
  type AuditEntry,
  type AuditSource,
  type AuditState,
  type UnchainedAuditEntry,
} from './audit-entry';
export { assertDenialRecord, denialRecordOf, isIsoDateTime, type DenialRecord } from './denial-record';
export { buildAuditTrail } from './build-trail';
export {
  chainEntries,
  GENESIS_HASH,
  hashEntry,
  verifyTrail,
  type TamperKind,
  type TrailAnchor,
  type TrailVerification,
} from './hash-chain';
export {
  CSV_COLUMNS,
  exportTrail,
  parseTrail,
  toCsv,
  toJson,
  toJsonl,
  TRAIL_FORMATS,
  TRAIL_MEDIA_TYPES,
  TrailFormatError,
  type TrailFormat,
} from './export';
export * from './store';
