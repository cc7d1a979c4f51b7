import type { AuditEntry } from './audit-entry';
import { canonicalJson } from './canonical-json';
import { CsvSyntaxError, readCsv, unguardCell, type CsvRecord } from './csv';
import { asAuditEntry, TrailFormatError } from './entry-shape';

/**
 * The CSV columns of a trail export, in order. Optional fields are empty cells.
 *
 * @example
 * CSV_COLUMNS.join(','); // the header row of a CSV export
 */
export const CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'onBehalfOf',
  'via',
  'action',
  'summary',
  'step',
  'task',
  'reason',
  'before',
  'after',
  'source',
  'prevHash',
  'hash',
] as const;

type Column = (typeof CSV_COLUMNS)[number];

function optionalJson(value: object | undefined): string {
  return value === undefined ? '' : canonicalJson(value);
}

/**
 * An entry's cells, in {@link CSV_COLUMNS} order: absent fields empty, objects as compact
 * canonical JSON. Entries never hold empty strings in optional fields, so empty means absent.
 *
 * @example
 * csvCells(entry)[4]; // => 'task.update'
 */
export function csvCells(entry: AuditEntry): string[] {
  return [
    String(entry.seq),
    entry.at,
    entry.actor.user,
    entry.actor.onBehalfOf ?? '',
    entry.actor.via ?? '',
    entry.action,
    entry.summary,
    entry.step ?? '',
    entry.task ?? '',
    entry.reason ?? '',
    optionalJson(entry.before),
    optionalJson(entry.after),
    canonicalJson(entry.source),
    entry.prevHash,
    entry.hash,
  ];
}

/** One data row's cells by column name, formula guards removed. */
function cellsByColumn(record: CsvRecord): Record<Column, string> {
  if (record.cells.length !== CSV_COLUMNS.length) {
    throw new TrailFormatError(
      `line ${record.line}: expected ${CSV_COLUMNS.length} cells (${CSV_COLUMNS.join(',')}), found ${record.cells.length}`,
    );
  }
  const cells = {} as Record<Column, string>;
  CSV_COLUMNS.forEach((column, index) => {
    cells[column] = unguardCell(record.cells[index] ?? '');
  });
  return cells;
}

function jsonCell(cells: Record<Column, string>, column: Column, line: number): unknown {
  try {
    return JSON.parse(cells[column]) as unknown;
  } catch (error) {
    throw new TrailFormatError(
      `line ${line}: column '${column}' must hold JSON: ${(error as Error).message}`,
    );
  }
}

function entryOf(record: CsvRecord): AuditEntry {
  const cells = cellsByColumn(record);
  const line = record.line;
  if (!/^\d+$/.test(cells.seq)) {
    throw new TrailFormatError(
      `line ${line}: column 'seq' must be a whole number, found ${JSON.stringify(cells.seq)}`,
    );
  }
  const optional = (column: Column) => (cells[column] === '' ? {} : { [column]: cells[column] });
  const optionalObject = (column: Column) =>
    cells[column] === '' ? {} : { [column]: jsonCell(cells, column, line) };
  const entry = {
    seq: Number(cells.seq),
    at: cells.at,
    actor: {
      user: cells.actor,
      ...(cells.onBehalfOf === '' ? {} : { onBehalfOf: cells.onBehalfOf }),
      ...(cells.via === '' || cells.via === undefined ? {} : { via: cells.via }),
    },
    action: cells.action,
    summary: cells.summary,
    ...optional('step'),
    ...optional('task'),
    ...optional('reason'),
    ...optionalObject('before'),
    ...optionalObject('after'),
    source: jsonCell(cells, 'source', line),
    prevHash: cells.prevHash,
    hash: cells.hash,
  };
  return asAuditEntry(entry, `line ${line}`);
}

function readRecords(text: string): CsvRecord[] {
  try {
    return readCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new TrailFormatError(`not valid CSV (RFC 4180): ${error.message}`);
    throw error;
  }
}

/**
 * Reads a CSV trail export (as {@link toCsv} writes it, byte order mark removed) back into
 * entries. Throws {@link TrailFormatError} naming the line for anything else.
 *
 * @example
 * parseCsvTrail(toCsv(trail).slice(1)); // => the same entries as trail
 */
export function parseCsvTrail(text: string): AuditEntry[] {
  const [header, ...rows] = readRecords(text);
  const found = header?.cells.join(',') ?? '';
  if (found !== CSV_COLUMNS.join(',')) {
    throw new TrailFormatError(`line 1: the CSV header must be '${CSV_COLUMNS.join(',')}', found '${found}'`);
  }
  return rows.map(entryOf);
}
