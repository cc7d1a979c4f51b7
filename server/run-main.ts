import { ConfigError } from './config';

/**
 * A start-up failure as the operator should read it. Errors with a `[CODE]` prefix (and
 * configuration errors) are ours and already say what to do, so their stack trace is left out.
 */
export function describeStartupError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const ours = error instanceof ConfigError || /^\[[A-Z_]+\]/.test(message);
  return ours || !(error instanceof Error) ? message : (error.stack ?? message);
}

/**
 * Runs an entry point's `main`, turning a failure into that message and an exit code: 2 for a bad
 * configuration (fix the environment), 1 for anything else.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(describeStartupError(error));
    process.exit(error instanceof ConfigError ? 2 : 1);
  });
}
