import type { DocumentPath } from '../loader/document-path';
import { toPointer } from '../loader/document-path';
import type { SourceMap } from '../loader/source-map';
import type { Problem } from '../model/problem';
import type { ProblemCode } from './problem-codes';

/** Codes that are advice rather than mistakes: they never fail a file. */
const WARNING_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'UNREACHABLE_STEP',
  'MISSING_DEADLINE',
  'MISSING_ESCALATION',
  'REMINDER_TOO_EARLY',
]);

/** What a check says about one node. */
export interface ProblemReport {
  readonly code: ProblemCode;
  /** The node the problem is about. */
  readonly path: DocumentPath;
  readonly message: string;
  readonly hint?: string;
  /**
   * Where to point: the node (`value`, default), its key (`key`, for misspelt keys), or a
   * character offset inside its string value (an error inside an expression).
   */
  readonly at?: 'value' | 'key' | { readonly offset: number };
}

/** Records a problem; the severity follows from the code. */
export type Report = (report: ProblemReport) => void;

/**
 * A {@link Report} function that turns reports into positioned {@link Problem}s.
 *
 * @example
 * ```ts
 * const problems: Problem[] = [];
 * const report = createReporter(loaded, problems);
 * report({ code: 'UNKNOWN_TARGET', path: ['steps', 'a', 'next'], message: "…", hint: "did you mean 'b'?" });
 * ```
 */
export function createReporter(source: SourceMap & { readonly file: string }, problems: Problem[]): Report {
  return ({ code, path, message, hint, at = 'value' }) => {
    const position =
      at === 'value'
        ? source.locate(path)
        : at === 'key'
          ? source.locateKey(path)
          : source.locateInValue(path, at.offset);
    problems.push({
      code,
      severity: severityOf(code),
      file: source.file,
      line: position.line,
      column: position.column,
      path: toPointer(path),
      message,
      ...(hint ? { hint } : {}),
    });
  };
}

/**
 * The severity of a code: warnings for advice, errors for everything else.
 *
 * @example
 * ```ts
 * severityOf('UNREACHABLE_STEP'); // 'warning'
 * ```
 */
export function severityOf(code: ProblemCode): 'error' | 'warning' {
  return WARNING_CODES.has(code) ? 'warning' : 'error';
}
