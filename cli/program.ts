import { Command, CommanderError } from 'commander';
import { registerAuditCommand } from './commands/audit';
import { registerCompileCommand } from './commands/compile';
import { registerGraphCommand } from './commands/graph';
import { registerSimulateCommand } from './commands/simulate';
import { registerTokenCommand } from './commands/token';
import { registerValidateCommand } from './commands/validate';
import { readPackageVersion } from './package-version';
import { USAGE_EXIT_CODE, UsageError } from './usage-error';

/**
 * The `sop` command with all its subcommands. Commander is told not to exit by itself, so
 * {@link runCli} decides the exit status (2 for usage errors).
 *
 * @example
 * createProgram().helpInformation(); // 'Usage: sop [options] [command]\n…'
 */
export function createProgram(): Command {
  const program = new Command('sop')
    .description('Check, compile, draw and dry-run SOPs written as YAML state machines.')
    .version(readPackageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerValidateCommand(program);
  registerCompileCommand(program);
  registerGraphCommand(program);
  registerSimulateCommand(program);
  registerAuditCommand(program);
  registerTokenCommand(program);
  return program;
}

/**
 * Runs `sop` with `argv` (`process.argv`: node, script, arguments…) and sets
 * `process.exitCode`: 0 fine, 1 invalid SOP (set by the commands), 2 usage error.
 *
 * @example
 * await runCli(['node', 'sop', 'validate', 'sop-definitions/new-product-launch.yaml']);
 */
export async function runCli(argv: readonly string[]): Promise<void> {
  try {
    await createProgram().parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message (or the help and version, which end with status 0).
      process.exitCode = error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
      return;
    }
    if (error instanceof UsageError) {
      const lines = error.message.split('\n').map((line) => `sop: ${line}\n`);
      process.stderr.write(`${lines.join('')}${error.hint ? `    hint: ${error.hint}\n` : ''}`);
      process.exitCode = USAGE_EXIT_CODE;
      return;
    }
    throw error;
  }
}
