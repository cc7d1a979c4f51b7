/**
 * Trail exports (JSON, JSONL, CSV) and reading them back for verification: every format
 * round-trips to the same entries and the same hashes, and an edit to the exported text shows.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../audit/audit-entry';
import { buildAuditTrail } from '../../audit/build-trail';
import { chainEntries, verifyTrail } from '../../audit/hash-chain';
import {
  CSV_COLUMNS,
  exportTrail,
  parseTrail,
  toCsv,
  toJson,
  toJsonl,
  TRAIL_FORMATS,
} from '../../audit/export';
import { loadRecordedEntries, RECORDED_PROJECTS } from './support/recorded-histories';

let trail: AuditEntry[] = [];

beforeAll(async () => {
  trail = buildAuditTrail('project-launch', await loadRecordedEntries('new-product-launch'), [
    {
      projectId: 'project-launch',
      at: '2026-12-01T09:00:00.000Z',
      actor: { user: 'ma.jun', onBehalfOf: 'zhang.min' },
      action: 'task.update',
      task: 't1',
      reason: 'only the owner of task t1 may update it, "owner" being sun.peng',
      code: 'NOT_ALLOWED',
    },
  ]);
});

/** Entries whose text tries every CSV corner: quotes, commas, line breaks, formulas, emptiness. */
const awkward = chainEntries([
  {
    at: '2026-12-01T00:00:00.000Z',
    actor: { user: '=cmd|calc', onBehalfOf: "'quoted" },
    action: 'form.submit',
    summary: 'He said "hi", then left.\r\nSecond line\nthird',
    step: '+step',
    task: '-t1',
    reason: '@reason ',
    before: { note: 'a,"b"\n' },
    after: { list: [1, 2.5, -3, null, true], nested: { 'key with space': '' } },
    source: { kind: 'temporal', runId: 'r', eventId: 5 },
  },
  {
    at: '2026-12-01T00:00:01.000Z',
    actor: { user: '@system' },
    action: 'deadline.fired',
    summary: ' leading and trailing ',
    source: { kind: 'api' },
  },
]);

describe('toJson, toJsonl, toCsv', () => {
  it('writes JSON as one indented array with sorted keys', () => {
    const json = toJson(trail);
    expect(json.endsWith(']\n')).toBe(true);
    expect(JSON.parse(json)).toEqual(trail);
    expect(json.split('\n')[2]).toBe('    "action": "project.kickoff",');
  });

  it('writes JSONL as one canonical entry per line', () => {
    const lines = toJsonl(trail).split('\n');
    expect(lines).toHaveLength(trail.length + 1);
    expect(lines[trail.length]).toBe('');
    expect(JSON.parse(lines[0]!)).toEqual(trail[0]);
    expect(lines[0]!.startsWith('{"action":"project.kickoff","actor":{"user":"@system"},"after":{')).toBe(
      true,
    );
  });

  it('writes JSONL whose line, without its hash member, hashes to the entry hash', () => {
    for (const [index, line] of toJsonl(trail).split('\n').slice(0, -1).entries()) {
      // Nested hashes (the kickoff's SOP hash) sort before the top-level one: drop the last.
      const at = line.lastIndexOf('"hash":"');
      const withoutHash = line.slice(0, at) + line.slice(at + '"hash":"'.length + 64 + 2);
      expect(createHash('sha256').update(withoutHash, 'utf8').digest('hex')).toBe(trail[index]!.hash);
    }
  });

  it('writes CSV with a header row, CRLF records and nested objects as compact JSON', () => {
    const csv = toCsv(trail);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, first] = csv.slice(1).split('\r\n');
    expect(header).toBe(
      'seq,at,actor,onBehalfOf,via,action,summary,step,task,reason,before,after,source,prevHash,hash',
    );
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(
      first!.startsWith(
        `1,2026-11-29T04:48:00.558Z,'@system,,,project.kickoff,"Project project-launch started`,
      ),
    ).toBe(true);
    expect(first).toContain(`"{""eventId"":1,""kind"":""temporal"",""runId"":""run-new-product-launch""}"`);
  });

  it('quotes CSV cells as RFC 4180 says and guards cells a spreadsheet would run', () => {
    const [, row] = toCsv(awkward)
      .slice(1)
      .split(/\r\n(?=\d+,)/);
    expect(row).toContain(
      `'=cmd|calc,''quoted,,form.submit,"He said ""hi"", then left.\r\nSecond line\nthird",'+step,'-t1,"'@reason "`,
    );
  });

  it('writes every format through exportTrail', () => {
    expect(TRAIL_FORMATS).toEqual(['json', 'jsonl', 'csv']);
    expect(exportTrail(trail, 'json')).toBe(toJson(trail));
    expect(exportTrail(trail, 'jsonl')).toBe(toJsonl(trail));
    expect(exportTrail(trail, 'csv')).toBe(toCsv(trail));
  });
});

describe('parseTrail', () => {
  it.each(TRAIL_FORMATS)('reads %s back to the same entries, which verify', (format) => {
    const text = exportTrail(trail, format);
    const parsed = parseTrail(text);
    expect(parsed).toEqual(trail);
    expect(parseTrail(text, format)).toEqual(trail);
    expect(verifyTrail(parsed)).toEqual(verifyTrail(trail));
  });

  it.each(TRAIL_FORMATS)('round-trips awkward text through %s', (format) => {
    const parsed = parseTrail(exportTrail(awkward, format));
    expect(parsed).toEqual(awkward);
    expect(verifyTrail(parsed).ok).toBe(true);
  });

  it.each(RECORDED_PROJECTS)('round-trips the %s trail through CSV', async (project) => {
    const recorded = buildAuditTrail(project, await loadRecordedEntries(project));
    expect(parseTrail(toCsv(recorded))).toEqual(recorded);
  });

  it('reads CSV with LF line ends, as some tools save it', () => {
    expect(parseTrail(toCsv(trail).replace(/\r\n(?=\d+,|$)/g, '\n'))).toEqual(trail);
  });

  it.each(TRAIL_FORMATS)('lets verification see an edit to the %s text', (format) => {
    const text = exportTrail(trail, format).replace('from blocked to done', 'from blocked to cancelled');
    expect(verifyTrail(parseTrail(text))).toMatchObject({ ok: false, problem: 'changed', firstBadSeq: 42 });
  });

  it('keeps fields a forger added, so verification sees them', () => {
    const lines = toJsonl(trail).split('\n');
    lines[3] = lines[3]!.replace('{', '{"approvedBy":"mallory",');
    expect(verifyTrail(parseTrail(lines.join('\n')))).toMatchObject({
      ok: false,
      problem: 'changed',
      firstBadSeq: 4,
    });
  });

  it('says what is wrong with text that is not a trail export', () => {
    expect(() => parseTrail('')).toThrow(
      "not an exported audit trail (the text is empty): a JSON export starts with '[', a JSONL export with '{' and a CSV export with its header 'seq,at,…'",
    );
    expect(() => parseTrail('hello')).toThrow('not an exported audit trail (it starts with "hello")');
    expect(() => parseTrail('[1]')).toThrow('entry 1: an audit entry must be a JSON object, found 1');
    expect(() => parseTrail('{"seq":1}\n')).toThrow(
      "line 1: not an audit entry: 'at' is missing (an ISO 8601 time); 'actor' is missing (an object like { user: 'li.na' })",
    );
    expect(() => parseTrail(`${toJsonl(trail.slice(0, 2))}{"seq":\n`)).toThrow(/^line 3: not valid JSON: /);
    expect(() => parseTrail('{"a":1}', 'json')).toThrow(
      'the JSON export must be GET /projects/:id/audit?format=json as returned',
    );
  });

  it('says what is wrong with a damaged CSV export, and where', () => {
    const csv = toCsv(trail);
    const lines = csv.split('\r\n');
    expect(() => parseTrail(csv.replace('seq,at,actor', 'seq,time,actor'))).toThrow(
      "line 1: the CSV header must be 'seq,at,actor,onBehalfOf,via,action,summary,step,task,reason,before,after,source,prevHash,hash'",
    );
    expect(() => parseTrail([lines[0], `${lines[1]},extra`, ''].join('\r\n'))).toThrow(
      /^line 2: expected 15 cells \(seq,at,actor,/,
    );
    expect(() => parseTrail([lines[0], lines[1]!.replace(/^1,/, 'one,'), ''].join('\r\n'))).toThrow(
      `line 2: column 'seq' must be a whole number, found "one"`,
    );
    expect(() =>
      parseTrail([lines[0], lines[1]!.replace('"{""eventId""', '"{""eventId"'), ''].join('\r\n')),
    ).toThrow(/^not valid CSV \(RFC 4180\): line 2: unexpected ":" after a closing quote/);
    expect(() => parseTrail(`${lines[0]}\r\n1,"never closed`)).toThrow(
      'not valid CSV (RFC 4180): line 2: a quoted field is never closed: add the closing "',
    );
  });
});
