/**
 * `sop audit verify <file>`: the built CLI checks exported trails (JSON, JSONL, CSV) of a real
 * recorded project and says OK, TAMPERED (naming the entry) or why it cannot read the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../audit/audit-entry';
import { buildAuditTrail } from '../../audit/build-trail';
import { exportTrail, toJson, toJsonl, TRAIL_FORMATS } from '../../audit/export';
import { loadRecordedEntries } from '../audit/support/recorded-histories';
import { ensureCliBuilt, runSop } from './support/run-sop';

let dir = '';
let trail: AuditEntry[] = [];

beforeAll(async () => {
  ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'sop-audit-verify-'));
  trail = buildAuditTrail('project-launch', await loadRecordedEntries('new-product-launch'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('sop audit verify', () => {
  it.each(TRAIL_FORMATS)('says OK for an intact %s export, with the entry count and last hash', (format) => {
    const run = runSop(['audit', 'verify', write(`trail.${format}`, exportTrail(trail, format))]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`OK: 49 entries, chain intact, last hash ${trail[48]!.hash}\n`);
    expect(run.status).toBe(0);
  });

  it('says TAMPERED and names a changed entry, status 1', () => {
    const changed = trail.map((e) => (e.seq === 7 ? { ...e, summary: 'Nothing was assigned.' } : e));
    const run = runSop(['audit', 'verify', write('changed.jsonl', toJsonl(changed))]);
    expect(run.stdout).toMatch(
      /^TAMPERED: entry 7 was changed: its hash does not match its content \(expected [0-9a-f]{64}, stored [0-9a-f]{64}\)\n$/,
    );
    expect(run.status).toBe(1);
  });

  it('names a removed entry', () => {
    const run = runSop(['audit', 'verify', write('removed.json', toJson(trail.filter((e) => e.seq !== 12)))]);
    expect(run.stdout).toMatch(/^TAMPERED: entry 12 was removed: entry 13 comes after entry 11/);
    expect(run.status).toBe(1);
  });

  it('catches entries cut off the end when given the archived last hash and count', () => {
    const file = write('cut.jsonl', toJsonl(trail.slice(0, 40)));
    expect(runSop(['audit', 'verify', file]).status).toBe(0);
    const run = runSop(['audit', 'verify', file, '--last-hash', trail[48]!.hash, '--entries', '49']);
    expect(run.stdout).toBe(
      'TAMPERED: the trail ends at entry 40, but the archived trail has 49 entries: entries 41 to 49 were removed\n',
    );
    expect(run.status).toBe(1);
  });

  it('reads the format given with --format', () => {
    const run = runSop(['audit', 'verify', write('trail.txt', toJsonl(trail)), '--format', 'jsonl']);
    expect(run.status).toBe(0);
    expect(runSop(['audit', 'verify', write('wrong.txt', toJsonl(trail)), '--format', 'csv']).status).toBe(2);
  });

  it('exits 2 with a clear message for a file it cannot read as a trail', () => {
    const run = runSop(['audit', 'verify', write('notes.txt', 'meeting notes\n')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `sop: cannot read the audit trail ${join(dir, 'notes.txt')}: not an exported audit trail`,
    );
    expect(run.stderr).toContain('hint: export it again with GET /projects/:id/audit?format=jsonl');
  });

  it('exits 2 for a missing file and for bad options', () => {
    const missing = runSop(['audit', 'verify', join(dir, 'nope.jsonl')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`audit trail file not found: ${join(dir, 'nope.jsonl')}`);
    const file = write('ok.jsonl', toJsonl(trail));
    expect(runSop(['audit', 'verify', file, '--format', 'xml']).stderr).toContain(
      'Allowed choices are json, jsonl, csv',
    );
    expect(runSop(['audit', 'verify', file, '--entries', 'many', '--last-hash', 'x']).status).toBe(2);
    expect(runSop(['audit', 'verify', file, '--entries', '49']).stderr).toContain(
      '--entries needs --last-hash',
    );
  });

  it('has --help', () => {
    const run = runSop(['audit', 'verify', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: sop audit verify \[options\] <file>/);
    expect(runSop(['--help']).stdout).toContain('audit');
  });
});
