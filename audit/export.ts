import type { AuditEntry } from './audit-entry';
import { canonicalJson, canonicalJsonPretty } from './canonical-json';
import { csvRow } from './csv';
import { CSV_COLUMNS, csvCells, parseCsvTrail } from './csv-trail';
import { asAuditEntry, TrailFormatError } from './entry-shape';

export { TrailFormatError } from './entry-shape';
export { CSV_COLUMNS } from './csv-trail';

/**
 * The export formats; all three read back with {@link parseTrail} and verify.
 *
 * @example
 * const format: TrailFormat = req.query.format === 'csv' ? 'csv' : 'jsonl';
 */
export type TrailFormat = 'json' | 'jsonl' | 'csv';

/**
 * The formats in the order the API and the CLI list them.
 *
 * @example
 * TRAIL_FORMATS.includes(format as TrailFormat); // validate ?format=
 */
export const TRAIL_FORMATS: readonly TrailFormat[] = ['json', 'jsonl', 'csv'];

/**
 * The `Content-Type` of each format.
 *
 * @example
 * res.type(TRAIL_MEDIA_TYPES.csv).send(toCsv(trail));
 */
export const TRAIL_MEDIA_TYPES: Readonly<Record<TrailFormat, string>> = {
  json: 'application/json; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

/** So Excel reads the UTF-8 (Chinese names, messages) as UTF-8; {@link parseTrail} skips it. */
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * The trail as one JSON array, keys sorted, two-space indented, ending with a newline.
 *
 * @example
 * writeFileSync('trail.json', toJson(trail));
 */
export function toJson(trail: readonly AuditEntry[]): string {
  return `${canonicalJsonPretty(trail)}\n`;
}

/**
 * The trail as JSON Lines: one entry per line in canonical JSON (keys sorted, no spaces), so
 * `sha256` of a line without its `hash` field is the entry's hash.
 *
 * @example
 * toJsonl(trail).split('\n')[0]; // => '{"action":"project.kickoff","actor":{"user":"@system"},…}'
 */
export function toJsonl(trail: readonly AuditEntry[]): string {
  return trail.map((entry) => `${canonicalJson(entry)}\n`).join('');
}

/**
 * The trail as RFC 4180 CSV for spreadsheets: a UTF-8 byte order mark, a header row, CRLF line
 * ends, nested objects (`before`, `after`, `source`) as compact JSON in their cell, and a `'`
 * in front of cells a spreadsheet would run as formulas. It reads back exactly, so it verifies.
 *
 * @example
 * toCsv(trail).split('\r\n')[0]; // => '\uFEFFseq,at,actor,onBehalfOf,action,summary,step,task,reason,before,after,source,prevHash,hash'
 */
export function toCsv(trail: readonly AuditEntry[]): string {
  return BYTE_ORDER_MARK + csvRow(CSV_COLUMNS) + trail.map((entry) => csvRow(csvCells(entry))).join('');
}

/**
 * The trail in the given format.
 *
 * @example
 * res.type(TRAIL_MEDIA_TYPES[format]).send(exportTrail(trail, format));
 */
export function exportTrail(trail: readonly AuditEntry[], format: TrailFormat): string {
  if (format === 'json') return toJson(trail);
  return format === 'jsonl' ? toJsonl(trail) : toCsv(trail);
}

/** The API's JSON answer `{ id, entries, … }` (one object) rather than JSONL (one per line). */
function isJsonAnswer(text: string): boolean {
  try {
    const value = JSON.parse(text) as { entries?: unknown } | null;
    return value !== null && typeof value === 'object' && Array.isArray(value.entries);
  } catch {
    return false;
  }
}

/** Which format a text is in, by its first character. */
function detectFormat(text: string): TrailFormat {
  const start = text.trimStart();
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) return isJsonAnswer(start) ? 'json' : 'jsonl';
  if (start.startsWith(`${CSV_COLUMNS[0]},`)) return 'csv';
  const found = start === '' ? 'the text is empty' : `it starts with ${JSON.stringify(start.slice(0, 20))}`;
  throw new TrailFormatError(
    `not an exported audit trail (${found}): a JSON export starts with '[', a JSONL export with '{' and a CSV export with its header 'seq,at,…'`,
  );
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new TrailFormatError(`${where}: not valid JSON: ${(error as Error).message}`);
  }
}

function parseJsonTrail(text: string): AuditEntry[] {
  const parsed = parseJson(text, 'the JSON export');
  // The API answers `{ id, entries, … }`; a saved `entries` array alone is accepted too.
  const value = Array.isArray(parsed) ? parsed : (parsed as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(value)) {
    throw new TrailFormatError(
      'the JSON export must be GET /projects/:id/audit?format=json as returned ({ "entries": [...] }) or its entries array',
    );
  }
  return value.map((entry, index) => asAuditEntry(entry, `entry ${index + 1}`));
}

function parseJsonlTrail(text: string): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    entries.push(asAuditEntry(parseJson(line, `line ${index + 1}`), `line ${index + 1}`));
  }
  return entries;
}

/**
 * Reads an exported trail back for verification: JSON, JSONL or CSV, detected from the text
 * when `format` is not given. Entries come back as written, extra fields included, so
 * {@link verifyTrail} sees any change. Throws {@link TrailFormatError} (what is wrong, where)
 * for text that is not a trail export.
 *
 * @example
 * const result = verifyTrail(parseTrail(readFileSync('trail.jsonl', 'utf8')));
 */
export function parseTrail(text: string, format?: TrailFormat): AuditEntry[] {
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const chosen = format ?? detectFormat(body);
  if (chosen === 'json') return parseJsonTrail(body);
  if (chosen === 'jsonl') return parseJsonlTrail(body);
  if (chosen === 'csv') return parseCsvTrail(body);
  throw new TrailFormatError(
    `unknown trail format '${String(chosen)}': use one of ${TRAIL_FORMATS.join(', ')}`,
  );
}
