import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { compileSop } from '../../engine/compiler';
import { loadCalendarsFromDir } from '../../engine/loader/calendar-file';
import { loadOrgDirectory } from '../../engine/loader';
import { formatProblem, hasErrors } from '../../engine/model/problem';
import { formatTimeline, parseEventScript, SimulationInputError, simulateSop } from '../../engine/simulate';
import { checkSopFile } from '../../engine/validator';

interface SimulateOptions {
  readonly events: string;
  readonly org?: string;
  readonly calendars?: string;
  readonly format: 'text' | 'json';
}

/** Exit codes: 0 ran as the script expected, 1 an SOP/script problem or a surprise, 2 usage. */
function runSimulate(file: string, options: SimulateOptions): number {
  for (const path of [file, options.events]) {
    if (!existsSync(path)) {
      process.stderr.write(`sop simulate: no such file '${path}'\n`);
      return 2;
    }
  }
  const orgPath = options.org ?? join(dirname(file), 'org.yaml');
  const calendarDir = options.calendars ?? join(dirname(file), 'calendars');
  if (!existsSync(orgPath)) {
    process.stderr.write(`sop simulate: no org directory at '${orgPath}' (pass --org <file>)\n`);
    return 2;
  }
  const calendars = existsSync(calendarDir) ? loadCalendarsFromDir(calendarDir) : new Map();
  const { org, problems: orgProblems } = loadOrgDirectory(orgPath);
  const checked = checkSopFile(file, { ...(org ? { org } : {}), calendars });
  const scriptResult = parseEventScript(readFileSync(options.events, 'utf8'), options.events);
  const problems = [...orgProblems, ...checked.problems, ...scriptResult.problems];
  if (!org || !checked.document || !scriptResult.script || hasErrors(problems)) {
    for (const problem of problems.filter((p) => p.severity === 'error'))
      process.stderr.write(`${formatProblem(problem)}\n`);
    return 1;
  }
  const compiled = compileSop(checked.document, { calendars });
  try {
    const result = simulateSop(compiled, scriptResult.script, { org });
    if (options.format === 'json') process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else process.stdout.write(`${formatTimeline(result, compiled.timeZone)}\n`);
    if (result.surprises > 0) {
      process.stderr.write(
        `sop simulate: ${result.surprises} event(s) were refused or accepted against the script's expectation (see 'rejected' lines)\n`,
      );
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof SimulationInputError) {
      process.stderr.write(`${options.events}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** `sop simulate <file> --events <script>`: runs an SOP on a virtual clock and prints its timeline. */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      'Run an SOP on a virtual clock from an event script and print the timeline: every event (accepted or refused, ' +
        'with the reason), timer, reminder, deadline, escalation and change of step. No server needed.',
    )
    .argument('<file>', 'the SOP YAML file')
    .requiredOption(
      '-e, --events <script>',
      'event script (YAML): start, input, events (see docs/sop-language.md)',
    )
    .option('--org <file>', 'org directory (default: org.yaml beside the SOP)')
    .option('--calendars <dir>', 'business calendars folder (default: calendars/ beside the SOP)')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText(
      'after',
      '\nExample:\n  sop simulate sop-definitions/new-product-launch.yaml --events examples/simulations/new-product-launch.overdue.yaml\n' +
        '\nExit status: 0 when the script ran as expected, 1 on SOP or script problems or an unexpected refusal.',
    )
    .action((file: string, options: SimulateOptions) => {
      if (options.format !== 'text' && options.format !== 'json') {
        process.stderr.write(
          `sop simulate: --format must be text or json, got '${String(options.format)}'\n`,
        );
        process.exitCode = 2;
        return;
      }
      process.exitCode = runSimulate(file, options);
    });
}
