import { formatProblem, type Problem } from '../engine/model/problem';

/** The problems of one checked file, as `sop validate --format json` prints them. */
export interface FileReport {
  readonly file: string;
  readonly problems: readonly Problem[];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The closing line of `sop validate`: `3 files checked: 1 error, 2 warnings`. With `quiet`
 * (warnings hidden) it counts errors only.
 *
 * @example
 * summarizeReports([{ file: 'a.yaml', problems: [] }], false); // => '1 file checked: 0 errors, 0 warnings'
 */
export function summarizeReports(reports: readonly FileReport[], quiet: boolean): string {
  const all = reports.flatMap((r) => r.problems);
  const errors = all.filter((p) => p.severity === 'error').length;
  const warnings = all.length - errors;
  const counts = quiet
    ? plural(errors, 'error')
    : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return `${plural(reports.length, 'file')} checked: ${counts}`;
}

/**
 * Every problem as `file:line:column: severity: message [CODE]` (plus its hint line), files in
 * the order given and problems in line order within a file.
 *
 * @example
 * formatReports(reports).forEach((line) => console.log(line));
 */
export function formatReports(reports: readonly FileReport[]): string[] {
  return reports.flatMap((r) => sortProblems(r.problems).map(formatProblem));
}

/** Problems in reading order: by line, then column (stable for equal positions). */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Drops warnings (`--quiet`). */
export function withoutWarnings(reports: readonly FileReport[]): FileReport[] {
  return reports.map((r) => ({ file: r.file, problems: r.problems.filter((p) => p.severity === 'error') }));
}
