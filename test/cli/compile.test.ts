import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSeveralProblems } from './support/several-problems';
import { ensureCliBuilt, runSop } from './support/run-sop';

const LAUNCH = 'sop-definitions/new-product-launch.yaml';
let dir = '';

beforeAll(() => {
  ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'sop-compile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sop compile', () => {
  it('prints the compiled SOP as JSON', () => {
    const run = runSop(['compile', LAUNCH]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const compiled = JSON.parse(run.stdout);
    expect(compiled.format).toBe('sop-compiled/v1');
    expect(compiled.sopId).toBe('new-product-launch');
    expect(compiled.calendar?.id).toBe('cn-mainland');
    expect(compiled.machine.initial).toBe('requirement');
    expect(Object.keys(compiled.machine.states)).toEqual(
      expect.arrayContaining([
        'requirement',
        'breakdown',
        'progress',
        'retrospective',
        'closed',
        'cancelled',
      ]),
    );
  });

  it('is deterministic', () => {
    expect(runSop(['compile', LAUNCH]).stdout).toBe(runSop(['compile', LAUNCH]).stdout);
  });

  it('writes to --out instead of stdout', () => {
    const out = join(dir, 'launch.json');
    const run = runSop(['compile', LAUNCH, '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).sopId).toBe('new-product-launch');
  });

  it('uses --org and --calendars instead of the files next to the SOP', () => {
    const run = runSop([
      'compile',
      LAUNCH,
      '--org',
      'sop-definitions/org.yaml',
      '--calendars',
      'sop-definitions/calendars',
    ]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).hash).toBe(JSON.parse(runSop(['compile', LAUNCH]).stdout).hash);
  });

  it('prints the problems to stderr and nothing to stdout for an invalid SOP, status 1', () => {
    const run = runSop(['compile', writeSeveralProblems(dir), '--org', 'sop-definitions/org.yaml']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/several-problems\.yaml:\d+:\d+: error: .*\[[A-Z_]+\]/);
    expect(run.stderr).toMatch(/1 file checked: \d+ errors?/);
  });

  it('exits 2 for a missing --calendars directory', () => {
    const run = runSop(['compile', LAUNCH, '--calendars', 'no/such/dir']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--calendars directory not found: no/such/dir');
  });
});
