import type { Command } from 'commander';
import { compileSop, CompileError } from '../../engine/compiler';
import { checkSopForCommand, writeOutput } from '../check-sop';
import { addContextOptions, type ContextOptions } from '../sop-context';

interface CompileCommandOptions extends ContextOptions {
  readonly out?: string;
}

/**
 * `sop compile <file>`: validates the SOP and prints the compiled SOP (XState machine and all)
 * as JSON, or writes it to `--out`. Status 1 with the problems on stderr when it is invalid.
 *
 * @example
 * registerCompileCommand(program); // sop compile sop-definitions/new-product-launch.yaml --out launch.json
 */
export function registerCompileCommand(program: Command): void {
  const command = program
    .command('compile')
    .description('validate an SOP file and print its compiled XState machine as JSON')
    .argument('<file>', 'SOP file')
    .option('-o, --out <file>', 'write the JSON to this file instead of stdout');
  addContextOptions(command).action((file: string, options: CompileCommandOptions) => {
    const printError = (line: string) => process.stderr.write(`${line}\n`);
    const checked = checkSopForCommand(file, options, printError);
    if (!checked) {
      process.exitCode = 1;
      return;
    }
    try {
      const compiled = compileSop(
        checked.document,
        checked.calendars ? { calendars: checked.calendars } : {},
      );
      writeOutput(JSON.stringify(compiled, null, 2), options.out);
    } catch (error) {
      // The validator should have caught it; say so plainly rather than print a stack trace.
      if (!(error instanceof CompileError)) throw error;
      printError(`${file}: error: ${error.message}`);
      process.exitCode = 1;
    }
  });
}
