import { loadSopText } from '../../engine/loader';

function codes(text: string): string[] {
  return loadSopText(text, 'test.yaml').problems.map((p) => `${p.line}:${p.column} ${p.code}`);
}

/** Runs `work` and returns how long it took, in milliseconds. */
function timed(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

describe('loadSopText', () => {
  it('reads a clean file into data, with no problems', () => {
    const loaded = loadSopText('id: demo\nsteps:\n  a: { kind: final }\n', 'demo.yaml');
    expect(loaded).toMatchObject({ file: 'demo.yaml', problems: [], damaged: [] });
    expect(loaded.document).toEqual({ id: 'demo', steps: { a: { kind: 'final' } } });
  });

  it('reports every syntax error, each at its own position, and still returns the data', () => {
    const text = 'a: 1\nb: "x\\qy"\nc: @value\nd: 4\n';
    const loaded = loadSopText(text, 'test.yaml');
    expect(loaded.problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual([
      '2:6 YAML_SYNTAX',
      '3:4 YAML_SYNTAX',
    ]);
    expect(loaded.problems[1]?.message).toBe(
      'the file is not valid YAML: plain value cannot start with reserved character @',
    );
    expect(loaded.document).toMatchObject({ a: 1, d: 4 });
    expect(loaded.damaged).toEqual([
      { path: ['b'], structural: false },
      { path: ['c'], structural: false },
    ]);
  });

  it('reports a duplicate key at the second occurrence, naming the first', () => {
    const loaded = loadSopText('steps:\n  a:\n    kind: form\n    next: b\n    kind: final\n', 'dup.yaml');
    expect(loaded.problems).toMatchObject([
      {
        code: 'DUPLICATE_KEY',
        line: 5,
        column: 5,
        path: '/steps/a/kind',
        message:
          "key 'kind' appears twice in the same map (first on line 3); the second would silently replace the first",
      },
    ]);
  });

  it('refuses an alias bomb quickly, without building the data', () => {
    let text = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 12; i++)
      text += `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    let loaded: ReturnType<typeof loadSopText> | undefined;
    expect(timed(() => (loaded = loadSopText(text, 'bomb.yaml')))).toBeLessThan(2000);
    expect(loaded?.document).toBeUndefined();
    expect(loaded?.problems).toMatchObject([{ code: 'YAML_ALIAS_LIMIT', line: 2, column: 10 }]);
    expect(loaded?.problems[0]?.message).toContain('possible alias bomb');
  });

  it('accepts a few aliases and merge keys, which authors use to repeat a ladder', () => {
    const text = [
      'defaults: &ladder',
      '  - after: 0h',
      '    notify: [pm]',
      'base: &base { kind: form, deadline: 24h }',
      'steps:',
      '  a: { <<: *base, escalation: *ladder }',
      '',
    ].join('\n');
    const loaded = loadSopText(text, 'alias.yaml');
    expect(loaded.problems).toEqual([]);
    expect(loaded.document).toMatchObject({
      steps: { a: { kind: 'form', deadline: '24h', escalation: [{ after: '0h', notify: ['pm'] }] } },
    });
    expect(loaded.locate(['steps', 'a', 'deadline'])).toEqual({ line: 4, column: 37 });
  });

  it('reports an alias to an anchor that does not exist (yet)', () => {
    expect(codes('a: *later\nb: &later 1\n')).toEqual(['1:4 YAML_UNKNOWN_ALIAS']);
  });

  it('refuses a file over the size limit before parsing it, counting UTF-8 bytes', () => {
    const big = `title: ${'x'.repeat(2 * 1024 * 1024)}\n`;
    let loaded: ReturnType<typeof loadSopText> | undefined;
    expect(timed(() => (loaded = loadSopText(big, 'big.yaml')))).toBeLessThan(500);
    expect(loaded?.problems).toMatchObject([{ code: 'DOCUMENT_TOO_LARGE', line: 1, column: 1 }]);
    expect(loaded?.document).toBeUndefined();
    // 400 Chinese characters are 1,200 bytes in UTF-8.
    const chinese = `title: ${'新'.repeat(400)}\n`;
    expect(loadSopText(chinese, 'zh.yaml', { maxBytes: 1000 }).problems[0]?.code).toBe('DOCUMENT_TOO_LARGE');
    expect(loadSopText(chinese, 'zh.yaml', { maxBytes: 2000 }).problems).toEqual([]);
  });

  it('refuses absurd nesting quickly instead of running out of memory', () => {
    for (const text of [
      'a: ' + '['.repeat(300_000),
      '- '.repeat(300_000) + 'x\n',
      'a: '.repeat(300_000) + 'x\n',
    ]) {
      let loaded: ReturnType<typeof loadSopText> | undefined;
      expect(timed(() => (loaded = loadSopText(text, 'deep.yaml')))).toBeLessThan(1000);
      expect(loaded?.problems.map((p) => p.code)).toEqual(['YAML_TOO_DEEP']);
    }
  });

  it('refuses keys that are lists or maps, without warnings on the console', () => {
    const warn = jest.spyOn(process, 'emitWarning');
    expect(codes('? [a, b]\n: 1\n')).toEqual(['1:3 YAML_COMPLEX_KEY']);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('refuses a file with several documents but still reads the first', () => {
    const loaded = loadSopText('id: one\n---\nid: two\n', 'two.yaml');
    expect(loaded.problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(['2:1 MULTIPLE_DOCUMENTS']);
    expect(loaded.document).toEqual({ id: 'one' });
  });

  it('reports an empty file', () => {
    expect(codes('')).toEqual(['1:1 EMPTY_DOCUMENT']);
    expect(codes('# only a comment\n')).toEqual(['1:1 EMPTY_DOCUMENT']);
  });

  it('does not treat on, yes or no as booleans (YAML 1.2)', () => {
    expect(loadSopText('on: yes\nno: off\n', 'bool.yaml').document).toEqual({ on: 'yes', no: 'off' });
  });
});
