import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCliBuilt, ROOT, runSop, shippedYamlFiles } from './support/run-sop';
import { writeSeveralProblems } from './support/several-problems';

const WARNINGS = 'test/cli/fixtures/warnings-only.yaml';
const NOT_AN_SOP = 'test/cli/fixtures/not-an-sop.yaml';

/** `file:line:column: severity: … [CODE]` lines of a report (hint lines left out). */
function problemLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /^\S+:\d+:\d+: (error|warning): /.test(line));
}

/** The shipped org directory and calendars, for files outside sop-definitions/. */
const CONTEXT = ['--org', 'sop-definitions/org.yaml', '--calendars', 'sop-definitions/calendars'];

let dir = '';
let SEVERAL = '';
beforeAll(() => {
  ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'sop-validate-'));
  SEVERAL = writeSeveralProblems(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sop validate', () => {
  it('accepts every shipped file, the org directory among them', () => {
    const files = shippedYamlFiles();
    expect(files).toContain('sop-definitions/org.yaml');
    const run = runSop(['validate', ...files]);
    expect(run.stderr).toBe('');
    expect(problemLines(run.stdout).filter((l) => l.includes(': error: '))).toEqual([]);
    expect(run.stdout).toMatch(new RegExp(`^${files.length} files checked: 0 errors, \\d+ warnings?$`, 'm'));
    expect(run.status).toBe(0);
  });

  it('reports every problem of a broken file with its line and column, and exits 1', () => {
    const run = runSop(['validate', SEVERAL, ...CONTEXT]);
    expect(run.status).toBe(1);
    const lines = problemLines(run.stdout);
    // The YAML syntax error, the bad duration and the unknown target, in line order.
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/several-problems\.yaml:24:12: error: .*not valid YAML.* \[YAML_SYNTAX\]$/);
    expect(lines[1]).toMatch(
      /several-problems\.yaml:38:15: error: .*'3 bizness days'.* \[INVALID_DURATION\]$/,
    );
    expect(lines[2]).toMatch(/several-problems\.yaml:52:16: error: .*'publish'.* \[UNKNOWN_TARGET\]$/);
    // Each problem says what would be right on its own hint line.
    expect(run.stdout.match(/^ {4}hint: /gm)).toHaveLength(3);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('1 file checked: 3 errors, 0 warnings');
  });

  it('prints warnings and still exits 0 when there are no errors', () => {
    const run = runSop(['validate', WARNINGS]);
    expect(run.status).toBe(0);
    const lines = problemLines(run.stdout);
    expect(lines).toEqual([
      expect.stringMatching(
        /^test\/cli\/fixtures\/warnings-only\.yaml:32:3: warning: .*\[MISSING_DEADLINE\]$/,
      ),
      expect.stringMatching(
        /^test\/cli\/fixtures\/warnings-only\.yaml:39:3: warning: .*\[UNREACHABLE_STEP\]$/,
      ),
    ]);
    expect(run.stdout).toMatch(/^1 file checked: 0 errors, 2 warnings$/m);
  });

  it('hides warnings with --quiet', () => {
    const run = runSop(['validate', '--quiet', WARNINGS, SEVERAL, ...CONTEXT]);
    expect(run.status).toBe(1);
    const lines = problemLines(run.stdout);
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.includes(': error: '))).toBe(true);
    expect(run.stdout).toMatch(/^2 files checked: 3 errors$/m);
  });

  it('prints a JSON array of { file, problems } with --format json', () => {
    const run = runSop(['validate', '--format', 'json', WARNINGS, SEVERAL, ...CONTEXT]);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.map((r: { file: string }) => r.file)).toEqual([WARNINGS, SEVERAL]);
    expect(report[0].problems.map((p: { code: string }) => p.code)).toEqual([
      'MISSING_DEADLINE',
      'UNREACHABLE_STEP',
    ]);
    expect(report[1].problems.map((p: { line: number; column: number }) => [p.line, p.column])).toEqual([
      [24, 12],
      [38, 15],
      [52, 16],
    ]);
    expect(report[1].problems[0]).toEqual(
      expect.objectContaining({
        severity: 'error',
        file: SEVERAL,
        path: expect.any(String),
        hint: expect.any(String),
      }),
    );
  });

  it('drops warnings from the JSON report with --quiet', () => {
    const run = runSop(['validate', '--format', 'json', '--quiet', WARNINGS]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ file: WARNINGS, problems: [] }]);
  });

  it('checks an org directory or calendar file as what it is, and says when a file is neither', () => {
    const run = runSop([
      'validate',
      'sop-definitions/org.yaml',
      'sop-definitions/calendars/cn-mainland.yaml',
      NOT_AN_SOP,
    ]);
    expect(run.status).toBe(1);
    expect(problemLines(run.stdout)).toEqual([
      expect.stringMatching(
        /^test\/cli\/fixtures\/not-an-sop\.yaml:1:1: error: not an SOP file, .*\[NOT_AN_SOP_FILE\]$/,
      ),
    ]);
    expect(run.stdout).toMatch(/^3 files checked: 1 error, 0 warnings$/m);
  });

  it('reports problems of the org directory and calendars an SOP is checked against', () => {
    const folder = join(dir, 'broken-context');
    mkdirSync(join(folder, 'calendars'), { recursive: true });
    copyFileSync(join(ROOT, WARNINGS), join(folder, 'sop.yaml'));
    writeFileSync(join(folder, 'org.yaml'), 'departments: 5\nusers: []\nroles: {}\n');
    writeFileSync(join(folder, 'calendars', 'broken.yaml'), 'id: broken\nname: Broken\n');
    const run = runSop(['validate', join(folder, 'sop.yaml')]);
    expect(run.status).toBe(1);
    const lines = problemLines(run.stdout);
    expect(lines).toContainEqual(
      expect.stringMatching(/org\.yaml:1:14: error: .*'departments'.*\[WRONG_TYPE\]$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/calendars\/broken\.yaml:1:1: error: .*'timeZone'/));
    expect(run.stdout).toMatch(/^3 files checked: 3 errors, 2 warnings$/m);
  });

  it('uses --org and --calendars instead of the files next to the SOP', () => {
    // A folder whose own org directory lacks Marketing and whose calendars lack cn-mainland.
    const folder = join(dir, 'elsewhere');
    mkdirSync(join(folder, 'calendars'), { recursive: true });
    const copy = join(folder, 'launch.yaml');
    copyFileSync(join(ROOT, 'sop-definitions/new-product-launch.yaml'), copy);
    writeFileSync(
      join(folder, 'org.yaml'),
      'departments:\n  - { id: rnd, name: 研发部, head: li.lei }\nusers:\n  - { id: li.lei, name: 李雷, department: rnd }\nroles: {}\n',
    );
    const calendar = readFileSync(join(ROOT, 'sop-definitions/calendars/cn-mainland.yaml'), 'utf8');
    writeFileSync(
      join(folder, 'calendars', 'other.yaml'),
      calendar.replace(/^id: cn-mainland$/m, 'id: other'),
    );

    const local = runSop(['validate', copy]);
    expect(local.status).toBe(1);
    expect(local.stdout).toContain("'marketing'");
    expect(local.stdout).toContain('[UNKNOWN_DEPARTMENT]');
    expect(local.stdout).toContain('[UNKNOWN_CALENDAR]');

    const overridden = runSop(['validate', copy, ...CONTEXT]);
    expect(problemLines(overridden.stdout)).toEqual([]);
    expect(overridden.status).toBe(0);
  });

  it('exits 2 naming every missing file, before checking any', () => {
    const run = runSop(['validate', WARNINGS, 'nope.yaml', 'sop-definitions']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('sop: file not found: nope.yaml');
    expect(run.stderr).toContain('sop: file is not a file: sop-definitions');
  });

  it('exits 2 for an unknown --format', () => {
    const run = runSop(['validate', '--format', 'xml', WARNINGS]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Allowed choices are text, json');
  });
});
