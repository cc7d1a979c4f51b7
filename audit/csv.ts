/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF, fields with commas, quotes or
 * line breaks in double quotes (a quote inside doubled). Cells that a spreadsheet would run as
 * a formula get a leading `'`, reversibly, so a verified export cannot attack whoever opens it.
 */

/** A character that starts a formula in Excel, LibreOffice or Google Sheets (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r']/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * One cell as CSV text: guarded against formulas (a `'` in front, which {@link readCsv}'s
 * caller removes with {@link unguardCell}), quoted when it must be.
 *
 * @example
 * csvCell('a "quoted", text'); // => '"a ""quoted"", text"'
 * csvCell('=SUM(A1)'); // => "'=SUM(A1)"
 */
export function csvCell(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/**
 * Undoes the formula guard of {@link csvCell}: one leading `'` goes.
 *
 * @example
 * unguardCell("'=SUM(A1)"); // => '=SUM(A1)'
 */
export function unguardCell(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/**
 * One CSV record, CRLF-terminated.
 *
 * @example
 * csvRow(['1', 'a,b']); // => '1,"a,b"\r\n'
 */
export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * A record read back, with the line it starts on for error messages.
 *
 * @example
 * const [header, ...rows]: CsvRecord[] = readCsv(text);
 */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly string[];
}

/**
 * A CSV text that is not RFC 4180, with the line where reading stopped.
 *
 * @example
 * try { readCsv('a"b'); } catch (e) { (e as CsvSyntaxError).line; } // => 1
 */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Reader position: the text, where it is, and which line that is. */
interface Cursor {
  readonly text: string;
  index: number;
  line: number;
}

/** A quoted field, from its opening quote to just past the closing one. */
function readQuoted(cursor: Cursor): string {
  const start = cursor.line;
  let value = '';
  cursor.index++;
  for (;;) {
    const quoteAt = cursor.text.indexOf('"', cursor.index);
    if (quoteAt < 0) throw new CsvSyntaxError(start, 'a quoted field is never closed: add the closing "');
    const chunk = cursor.text.slice(cursor.index, quoteAt);
    cursor.line += chunk.split('\n').length - 1;
    value += chunk;
    if (cursor.text[quoteAt + 1] === '"') {
      value += '"';
      cursor.index = quoteAt + 2;
      continue;
    }
    cursor.index = quoteAt + 1;
    const after = cursor.text[cursor.index];
    if (after !== undefined && after !== ',' && after !== '\r' && after !== '\n') {
      throw new CsvSyntaxError(
        cursor.line,
        `unexpected ${JSON.stringify(after)} after a closing quote: a quote inside a quoted field is written ""`,
      );
    }
    return value;
  }
}

/** An unquoted field, up to the next comma or line break. */
function readBare(cursor: Cursor): string {
  const rest = cursor.text.slice(cursor.index);
  const end = rest.search(/[,\r\n]/);
  const value = end < 0 ? rest : rest.slice(0, end);
  if (value.includes('"')) {
    throw new CsvSyntaxError(cursor.line, 'a field with a " must be quoted as a whole ("…""…")');
  }
  cursor.index += value.length;
  return value;
}

/** Past a record's line break (CRLF, or a bare LF some tools write); false at the end of the text. */
function endOfRecord(cursor: Cursor): boolean {
  const char = cursor.text[cursor.index];
  if (char === '\r' && cursor.text[cursor.index + 1] === '\n') cursor.index += 2;
  else if (char === '\n') cursor.index += 1;
  else if (char === '\r') throw new CsvSyntaxError(cursor.line, 'a bare CR: records end with CRLF');
  else return false;
  cursor.line++;
  return true;
}

/**
 * Reads RFC 4180 CSV into records of cells. A final line break does not start an empty record.
 * Throws {@link CsvSyntaxError} with the line number for text that is not valid CSV.
 *
 * @example
 * readCsv('seq,at\r\n1,"2026-12-01T00:00:00Z"\r\n');
 * // => [{ line: 1, cells: ['seq', 'at'] }, { line: 2, cells: ['1', '2026-12-01T00:00:00Z'] }]
 */
export function readCsv(text: string): CsvRecord[] {
  const cursor: Cursor = { text, index: 0, line: 1 };
  const records: CsvRecord[] = [];
  while (cursor.index < text.length) {
    const line = cursor.line;
    const cells: string[] = [];
    for (;;) {
      cells.push(text[cursor.index] === '"' ? readQuoted(cursor) : readBare(cursor));
      if (text[cursor.index] !== ',') break;
      cursor.index++;
    }
    records.push({ line, cells });
    if (!endOfRecord(cursor) && cursor.index < text.length) {
      throw new CsvSyntaxError(cursor.line, `unexpected ${JSON.stringify(text[cursor.index])}`);
    }
  }
  return records;
}
