import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { loadOrgDirectory } from '../../engine/loader';
import { CalendarFileError, loadCalendar } from '../../engine/loader/calendar-file';
import { hasErrors, type Problem } from '../../engine/model/problem';
import { checkSopText } from '../../engine/validator';
import { detectFileKind } from '../file-kind';
import { assertFiles } from '../input-files';
import { formatReports, sortProblems, summarizeReports, withoutWarnings, type FileReport } from '../report';
import { addContextOptions, SopContextLoader, type ContextOptions } from '../sop-context';

interface ValidateOptions extends ContextOptions {
  readonly format: 'text' | 'json';
  readonly quiet?: boolean;
}

function problemOf(file: string, code: string, message: string, hint: string): Problem {
  return { code, severity: 'error', file, line: 1, column: 1, path: '', message, hint };
}

function checkCalendarFile(file: string): Problem[] {
  try {
    loadCalendar(file);
    return [];
  } catch (error) {
    if (error instanceof CalendarFileError) return [...error.problems];
    throw error;
  }
}

/** Checks one listed file according to what it is. */
function checkFile(file: string, contexts: SopContextLoader, extra: Map<string, Problem[]>): Problem[] {
  const text = readFileSync(file, 'utf8');
  const kind = detectFileKind(text, file);
  if (kind === 'org') return loadOrgDirectory(file).problems;
  if (kind === 'calendar') return checkCalendarFile(file);
  if (kind === 'unknown') {
    return [
      problemOf(
        file,
        'NOT_AN_SOP_FILE',
        "not an SOP file, org directory or calendar file: it has no 'apiVersion', 'departments' or 'workingHours' key",
        "an SOP file starts with 'apiVersion: sop/v1'; the org directory lists 'departments:' and 'users:'; a calendar has 'workingHours:'",
      ),
    ];
  }
  const context = contexts.forFile(file);
  // Problems of the org and calendar files are reported under their own file names, once.
  for (const problem of context.problems) {
    const list = extra.get(problem.file) ?? [];
    if (!list.includes(problem)) list.push(problem);
    extra.set(problem.file, list);
  }
  return checkSopText(text, file, {
    ...(context.org ? { org: context.org } : {}),
    ...(context.calendars ? { calendars: context.calendars } : {}),
  }).problems;
}

/**
 * Validates the files and prints the report; returns the exit status (1 when any error).
 *
 * @example
 * process.exitCode = runValidate(['sop-definitions/new-product-launch.yaml'], { format: 'text' }, console.log);
 */
export function runValidate(
  files: readonly string[],
  options: ValidateOptions,
  print: (line: string) => void,
): number {
  const listed = assertFiles(files, 'file');
  const contexts = new SopContextLoader(options);
  const extra = new Map<string, Problem[]>();
  let reports: FileReport[] = listed.map((file) => ({
    file,
    problems: sortProblems(checkFile(file, contexts, extra)),
  }));
  // An org or calendar file that is not in the list but has problems gets its own entry.
  const listedPaths = new Set(listed.map((f) => resolve(f)));
  for (const [file, problems] of extra) {
    if (!listedPaths.has(resolve(file))) reports.push({ file, problems: sortProblems(problems) });
  }
  const failed = reports.some((r) => hasErrors(r.problems));
  if (options.quiet) reports = withoutWarnings(reports);
  if (options.format === 'json') {
    print(JSON.stringify(reports, null, 2));
  } else {
    for (const line of formatReports(reports)) print(line);
    print(summarizeReports(reports, options.quiet === true));
  }
  return failed ? 1 : 0;
}

/**
 * `sop validate <files...>`: every problem of every file, then a summary; status 1 on errors.
 *
 * @example
 * registerValidateCommand(program); // sop validate sop-definitions/*.yaml
 */
export function registerValidateCommand(program: Command): void {
  const command = program
    .command('validate')
    .description('check SOP files (and the org directory or calendar files) and report every problem')
    .argument('<files...>', 'YAML files, e.g. sop-definitions/*.yaml')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-q, --quiet', 'report errors only, not warnings');
  addContextOptions(command).action((files: string[], options: ValidateOptions) => {
    process.exitCode = runValidate(files, options, (line) => process.stdout.write(`${line}\n`));
  });
}
