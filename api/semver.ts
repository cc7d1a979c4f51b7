/**
 * Semantic version precedence (semver.org §11), enough to pick an SOP's latest version. The SOP
 * schema already guarantees `MAJOR.MINOR.PATCH[-pre][+build]`; build metadata never counts.
 */

interface Parsed {
  readonly core: readonly [number, number, number];
  readonly pre: readonly string[];
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parse(version: string): Parsed | undefined {
  const match = SEMVER.exec(version);
  if (!match) return undefined;
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    pre: match[4] ? match[4].split('.') : [],
  };
}

function comparePre(a: readonly string[], b: readonly string[]): number {
  // A release outranks its pre-releases: 1.0.0 > 1.0.0-rc.1.
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const xNum = /^\d+$/.test(x);
    const yNum = /^\d+$/.test(y);
    if (xNum && yNum && Number(x) !== Number(y)) return Number(x) - Number(y);
    if (xNum !== yNum) return xNum ? -1 : 1; // numeric identifiers rank below alphanumeric ones
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Negative when `a` precedes `b`, positive when it follows, 0 when equal in precedence.
 * Strings that are not semantic versions sort before every valid one, then by text.
 *
 * @example
 * ['1.10.0', '1.2.0', '2.0.0-rc.1'].sort(compareSemver); // ['1.2.0', '1.10.0', '2.0.0-rc.1']
 */
export function compareSemver(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return x ? 1 : y ? -1 : a.localeCompare(b);
  for (let i = 0; i < 3; i++) {
    const diff = x.core[i]! - y.core[i]!;
    if (diff !== 0) return diff;
  }
  return comparePre(x.pre, y.pre);
}
