/**
 * Entry point of the `sop` command (`bin/sop.js` requires the built copy of this file).
 */
import { runCli } from './program';

runCli(process.argv).catch((error: unknown) => {
  // A bug, not a bad SOP: show everything that helps to report it.
  process.stderr.write(
    `sop: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
