import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { checkSopText, PROBLEM_CODES } from '../../engine/validator';

const REFERENCE = readFileSync(
  join(__dirname, '..', '..', 'sop-definitions', 'new-product-launch.yaml'),
  'utf8',
);
const CODES = new Set(Object.keys(PROBLEM_CODES));

/** Every path to a node of a JSON value, containers included. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const children =
    Array.isArray(value) || (typeof value === 'object' && value !== null)
      ? Object.entries(value).flatMap(([key, child]) =>
          pathsOf(child, [...prefix, Array.isArray(value) ? Number(key) : key]),
        )
      : [];
  return [prefix, ...children];
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = replaceAt(copy[head], rest, replacement);
  return copy;
}

function expectWellFormed(text: string): void {
  const { problems } = checkSopText(text, 'fuzz.yaml');
  for (const problem of problems) {
    expect(CODES.has(problem.code)).toBe(true);
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.column).toBeGreaterThanOrEqual(1);
    expect(problem.message).not.toMatch(/undefined|\[object Object\]/);
  }
}

describe('validator robustness', () => {
  const reference = parse(REFERENCE) as unknown;
  const paths = pathsOf(reference);

  it('never throws, whatever a node of the reference SOP is replaced with', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), (path, replacement) => {
        expectWellFormed(stringify(replaceAt(reference, path, replacement)));
      }),
      { numRuns: 100, seed: 20240601 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => expectWellFormed(text)),
      { numRuns: 300, seed: 20240602 },
    );
  });

  it('never throws when lines of the reference SOP are dropped or shifted', () => {
    const lines = REFERENCE.split('\n');
    fc.assert(
      fc.property(fc.nat(lines.length - 1), fc.constantFrom('drop', 'indent', 'dedent'), (index, change) => {
        const edited = [...lines];
        const line = edited[index] ?? '';
        if (change === 'drop') edited.splice(index, 1);
        else edited[index] = change === 'indent' ? ` ${line}` : line.replace(/^ /, '');
        expectWellFormed(edited.join('\n'));
      }),
      { numRuns: 100, seed: 20240603 },
    );
  });
});
