/**
 * A problem found in an SOP file. Every check in the loader and validator reports these,
 * all of them in one run, so an author fixes a file in one pass.
 *
 * Printed as `file:line:column: message [CODE]` (see {@link formatProblem}).
 */
export interface Problem {
  /** Stable, upper-snake code, e.g. `UNKNOWN_TARGET`. Tests and tools match on it. */
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly file: string;
  /** 1-based line of the offending node (or 1 when the problem concerns the whole file). */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** JSON-pointer-like path of the node inside the document, e.g. `/steps/requirement/deadline`. */
  readonly path: string;
  /** What is wrong, naming the offending node. */
  readonly message: string;
  /** What would be right: allowed values, "did you mean …", an example. */
  readonly hint?: string;
}

/** `file:line:column: severity: message [CODE]` plus the hint on its own indented line. */
export function formatProblem(problem: Problem): string {
  const head = `${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message} [${problem.code}]`;
  return problem.hint ? `${head}\n    hint: ${problem.hint}` : head;
}

/** True when at least one problem is an error (warnings alone never fail a file). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
