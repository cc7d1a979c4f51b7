import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCliBuilt, runSop } from './support/run-sop';

const LAUNCH = 'sop-definitions/new-product-launch.yaml';
const OVERDUE = 'examples/simulations/new-product-launch.overdue.yaml';
let dir = '';

beforeAll(() => {
  ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'sop-simulate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sop simulate', () => {
  it('prints the timeline with the overdue task’s reminder and every escalation rung at their virtual times', () => {
    const run = runSop(['simulate', LAUNCH, '--events', OVERDUE]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    const at = (text: string) => lines.find((line) => line.includes(text))?.slice(0, 22);
    expect(at('notify     reminder progress t1 → sun.peng')).toBe('2026-12-03 17:59 (Thu)');
    expect(at('notify     escalation rung 1 progress t1 → sun.peng, zhao.lei')).toBe(
      '2026-12-05 00:00 (Sat)',
    );
    expect(at('notify     escalation rung 2 progress t1 → zhao.lei, li.na, zhang.min')).toBe(
      '2026-12-08 09:00 (Tue)',
    );
    expect(at('notify     recurring progress')).toBe('2026-12-04 17:00 (Fri)');
    expect(lines.at(-2)).toMatch(/end {8}done in closed$/);
  });

  it('prints JSON with --format json', () => {
    const run = runSop(['simulate', LAUNCH, '--events', OVERDUE, '--format', 'json']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { status: string; surprises: number };
    expect(result).toMatchObject({ status: 'done', surprises: 0 });
  });

  it('exits 1 and says so when an event is refused that the script did not expect', () => {
    const script = join(dir, 'surprise.yaml');
    writeFileSync(
      script,
      [
        'start: 2026-12-01T09:00:00+08:00',
        'input: { projectName: A, initiator: he.yun, projectManager: zhang.min, members: [li.na] }',
        'events:',
        '  - { event: submit, as: zhang.min, data: {} }',
      ].join('\n'),
    );
    const run = runSop(['simulate', LAUNCH, '--events', script]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      "rejected   submit by zhang.min (script line 4): 'zhang.min' may not submit the form in step 'requirement'",
    );
    expect(run.stderr).toContain('1 event(s) were refused or accepted against the script');
  });

  it('reports a bad script with its line, and a missing file as a usage error', () => {
    const script = join(dir, 'bad.yaml');
    writeFileSync(script, 'start: yesterday\ninput: {}\nevents: []\n');
    const bad = runSop(['simulate', LAUNCH, '--events', script]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(
      "bad.yaml:1:1: error: 'start' must be an ISO date-time with offset, got 'yesterday' [SCRIPT_INVALID]",
    );
    const missing = runSop(['simulate', LAUNCH, '--events', join(dir, 'nope.yaml')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });
});
