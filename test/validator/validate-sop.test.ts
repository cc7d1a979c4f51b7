import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCalendarsFromDir, loadOrgDirectory, loadSopText } from '../../engine/loader';
import { formatProblem } from '../../engine/model/problem';
import { checkSopFile, checkSopText, PROBLEM_CODES, validateSop } from '../../engine/validator';
import { buildSop, problemsOf, summarize } from './support/build-sop';

const ROOT = join(__dirname, '..', '..');
const SOP_DIR = join(ROOT, 'sop-definitions');

describe('validateSop', () => {
  it('passes the reference SOP (new product launch) with no problem at all, checked against org and calendars', () => {
    const { org, problems: orgProblems } = loadOrgDirectory(join(SOP_DIR, 'org.yaml'));
    expect(orgProblems.map(formatProblem)).toEqual([]);
    const calendars = loadCalendarsFromDir(join(SOP_DIR, 'calendars'));
    const result = checkSopFile(join(SOP_DIR, 'new-product-launch.yaml'), {
      ...(org ? { org } : {}),
      calendars,
    });
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.document?.id).toBe('new-product-launch');
    expect(Object.keys(result.document?.steps ?? {})).toEqual([
      'requirement',
      'breakdown',
      'progress',
      'retrospective',
      'closed',
      'cancelled',
    ]);
  });

  it('returns the document when there are only warnings, and not when there is an error', () => {
    const warned = buildSop();
    delete warned.steps.request.escalation;
    const withWarning = checkSopText(JSON.stringify(warned), 'warned.yaml');
    expect(summarize(withWarning.problems)).toEqual(['MISSING_ESCALATION /steps/request/deadline']);
    expect(withWarning.document?.id).toBe('unit');
    warned.steps.request.next = 'nowhere';
    expect(checkSopText(JSON.stringify(warned), 'broken.yaml').document).toBeUndefined();
  });

  it('reports problems sorted by line, then column', () => {
    const sop = buildSop();
    sop.steps.request.next = 'nowhere';
    sop.timeZone = 'Mars/Base';
    sop.titel = 'typo';
    const problems = problemsOf(sop);
    const positions = problems.map((p) => [p.line, p.column] as const);
    const sorted = [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(positions).toEqual(sorted);
    expect(problems.length).toBe(3);
  });

  it('does not echo a syntax error as meaning problems of the part the parser had to guess', () => {
    const text = [
      'apiVersion: sop/v1',
      'id: echo',
      'version: 1.0.0',
      'title: Echo',
      'owner: marketing',
      'timeZone: Asia/Shanghai',
      'participants:',
      '  pm: { user: li.na }',
      'initial: request',
      'steps:',
      '  request:',
      '    kind: notify',
      '    notify: [pm]',
      '     message: hello',
      '    next: done',
      '  done:',
      '    kind: final',
      '',
    ].join('\n');
    expect(checkSopText(text, 'echo.yaml').problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual([
      '14:6 YAML_SYNTAX',
    ]);
  });

  it('keeps reporting cross-references when a syntax error damaged only one value', () => {
    const sop = buildSop();
    sop.steps.request.next = 'tell';
    sop.steps.tell = { kind: 'notify', notify: ['pm'], message: 'MESSAGE', next: 'don' };
    const text = JSON.stringify(sop, null, 1).replace('"MESSAGE"', '@pm please look');
    expect(checkSopText(text, 'value.yaml').problems.map((p) => p.code)).toEqual([
      'YAML_SYNTAX',
      'UNKNOWN_TARGET',
    ]);
  });

  it('returns only the reading problems when the file cannot be read as data', () => {
    const loaded = loadSopText('a: *nowhere\n', 'alias.yaml');
    expect(validateSop(loaded).map((p) => p.code)).toEqual(['YAML_UNKNOWN_ALIAS']);
  });

  it('uses only codes listed in PROBLEM_CODES', () => {
    const sources = [
      'engine/validator',
      'engine/validator/checks',
      'engine/validator/schema',
      'engine/loader',
    ]
      .flatMap((dir) =>
        readdirSync(join(ROOT, dir))
          .filter((name) => name.endsWith('.ts') && name !== 'calendar-file.ts')
          .map((name) => readFileSync(join(ROOT, dir, name), 'utf8')),
      )
      .join('\n');
    const used = new Set(
      [...sources.matchAll(/\bcode: '([A-Z_]+)'/g), ...sources.matchAll(/\n\s+'([A-Z][A-Z_]+)',\n/g)].map(
        (m) => m[1]!,
      ),
    );
    const quoted = [...sources.matchAll(/fileProblem\(\s*\w+,\s*'([A-Z_]+)'/g)].map((m) => m[1]!);
    for (const code of [...used, ...quoted]) expect(Object.keys(PROBLEM_CODES)).toContain(code);
    expect(used.size + quoted.length).toBeGreaterThan(20);
  });
});
