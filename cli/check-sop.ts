import { writeFileSync } from 'node:fs';
import type { BusinessCalendar } from '../engine/model/calendar';
import { formatProblem, hasErrors } from '../engine/model/problem';
import type { SopDocument } from '../engine/model/sop';
import { checkSopFile } from '../engine/validator';
import { assertFiles } from './input-files';
import { sortProblems, summarizeReports } from './report';
import { SopContextLoader, type ContextOptions } from './sop-context';

/** A valid SOP with what it was checked against. */
export interface CheckedSop {
  readonly document: SopDocument;
  readonly calendars?: Map<string, BusinessCalendar>;
}

/**
 * Loads and validates one SOP file for a command that goes on to use it (`compile`, `graph`,
 * `simulate`). Problems go to `printError` (stderr): errors make it return `undefined`, after
 * a summary line; warnings are printed and the SOP is returned.
 *
 * @example
 * const checked = checkSopForCommand(file, options, (l) => process.stderr.write(`${l}\n`));
 * if (!checked) process.exitCode = 1;
 */
export function checkSopForCommand(
  file: string,
  options: ContextOptions,
  printError: (line: string) => void,
): CheckedSop | undefined {
  assertFiles([file], 'SOP file');
  const context = new SopContextLoader(options).forFile(file);
  const result = checkSopFile(file, {
    ...(context.org ? { org: context.org } : {}),
    ...(context.calendars ? { calendars: context.calendars } : {}),
  });
  const problems = [...sortProblems(context.problems), ...sortProblems(result.problems)];
  for (const problem of problems) printError(formatProblem(problem));
  if (hasErrors(problems) || !result.document) {
    const files = [file, ...new Set(context.problems.map((p) => p.file))];
    printError(
      summarizeReports(
        files.map((f) => ({ file: f, problems: problems.filter((p) => p.file === f) })),
        false,
      ),
    );
    return undefined;
  }
  return { document: result.document, ...(context.calendars ? { calendars: context.calendars } : {}) };
}

/**
 * Writes a command's result to `--out` or, without it, to stdout.
 *
 * @example
 * writeOutput(JSON.stringify(compiled), options.out);
 */
export function writeOutput(text: string, out: string | undefined): void {
  const withNewline = text.endsWith('\n') ? text : `${text}\n`;
  if (out === undefined) process.stdout.write(withNewline);
  else writeFileSync(out, withNewline, 'utf8');
}
