/**
 * The small RFC 4180 reader and writer behind CSV trail exports.
 */
import { csvCell, csvRow, CsvSyntaxError, readCsv, unguardCell } from '../../audit/csv';

describe('csvCell and csvRow', () => {
  it('quotes only what must be quoted, doubling quotes', () => {
    expect(csvRow(['plain', 'a,b', 'say "x"', 'two\r\nlines', ''])).toBe(
      'plain,"a,b","say ""x""","two\r\nlines",\r\n',
    );
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', "'x"])(
    'guards %j against formula injection, reversibly',
    (value) => {
      expect(csvCell(value).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
      const [record] = readCsv(csvRow([value]));
      expect(unguardCell(record!.cells[0]!)).toBe(value);
    },
  );
});

describe('readCsv', () => {
  it('reads records, empty cells and quoted line breaks, with the line each starts on', () => {
    expect(readCsv('a,b,c\r\n1,,"x\r\ny"\r\n"",2,3\r\n')).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', '', 'x\r\ny'] },
      { line: 4, cells: ['', '2', '3'] },
    ]);
  });

  it('accepts a last record without a line break, and LF line breaks', () => {
    expect(readCsv('a\nb')).toEqual([
      { line: 1, cells: ['a'] },
      { line: 2, cells: ['b'] },
    ]);
  });

  it.each([
    ['a"b', 'line 1: a field with a " must be quoted as a whole ("…""…")'],
    ['"a"b', 'line 1: unexpected "b" after a closing quote: a quote inside a quoted field is written ""'],
    ['a\rb', 'line 1: a bare CR: records end with CRLF'],
    ['x\r\n"open', 'line 2: a quoted field is never closed: add the closing "'],
  ])('refuses %j', (text, message) => {
    expect(() => readCsv(text)).toThrow(CsvSyntaxError);
    expect(() => readCsv(text)).toThrow(message);
  });
});
