import type { AuditEntry } from './audit-entry';

/**
 * An export that cannot be read as a trail (not JSON, not CSV, an entry without a hash…), as
 * opposed to one that reads fine but fails verification. The CLI exits 2 for these.
 *
 * @example
 * try { parseTrail(text); } catch (e) { if (e instanceof TrailFormatError) console.error(e.message); }
 */
export class TrailFormatError extends Error {
  readonly code = 'AUDIT_TRAIL_UNREADABLE';

  constructor(message: string) {
    super(message);
    this.name = 'TrailFormatError';
  }
}

type Check = (value: unknown) => boolean;

const isString: Check = (v) => typeof v === 'string';
const isObject: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);

/** Field → how it must look, and the words for it. Types only: wrong values are tampering. */
const REQUIRED: readonly [string, Check, string][] = [
  ['seq', isFiniteNumber, 'a number'],
  ['at', isString, 'an ISO 8601 time'],
  ['actor', isObject, "an object like { user: 'li.na' }"],
  ['action', isString, 'a string'],
  ['summary', isString, 'a string'],
  ['source', isObject, "an object like { kind: 'temporal', eventId: 5 }"],
  ['prevHash', isString, 'a hex string'],
  ['hash', isString, 'a hex string'],
];
const OPTIONAL: readonly [string, Check, string][] = [
  ['step', isString, 'a string'],
  ['task', isString, 'a string'],
  ['reason', isString, 'a string'],
  ['before', isObject, 'an object'],
  ['after', isObject, 'an object'],
];

function problemsOf(value: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [field, check, words] of REQUIRED) {
    if (!(field in value)) problems.push(`'${field}' is missing (${words})`);
    else if (!check(value[field])) problems.push(`'${field}' must be ${words}`);
  }
  for (const [field, check, words] of OPTIONAL) {
    if (value[field] !== undefined && !check(value[field]))
      problems.push(`'${field}', when present, must be ${words}`);
  }
  const actor = value.actor as Record<string, unknown> | undefined;
  if (isObject(actor) && !isString(actor?.user)) problems.push("'actor.user' must be a string");
  return problems;
}

/**
 * Checks that a parsed value has the fields and types of an {@link AuditEntry}, and returns it
 * unchanged: extra fields stay, because dropping them would hide an addition from
 * verification. `where` names the entry in the error (`line 3`, `entry 7`).
 *
 * @example
 * const entry = asAuditEntry(JSON.parse(line), 'line 3');
 */
export function asAuditEntry(value: unknown, where: string): AuditEntry {
  if (!isObject(value)) {
    throw new TrailFormatError(
      `${where}: an audit entry must be a JSON object, found ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`,
    );
  }
  const problems = problemsOf(value as Record<string, unknown>);
  if (problems.length > 0) {
    throw new TrailFormatError(`${where}: not an audit entry: ${problems.join('; ')}`);
  }
  return value as AuditEntry;
}
