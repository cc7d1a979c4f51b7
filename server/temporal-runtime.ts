import { DefaultLogger, Runtime } from '@temporalio/worker';

/**
 * Installs the Temporal SDK runtime for a server process: warnings and errors only (the SDK's
 * info logs drown the banner), and no signal handling of its own — by default it stops workers on
 * SIGINT itself, which would race our ordered shutdown (API first, then worker, then server).
 * Call it before the first worker or native connection is created.
 */
export function installServerRuntime(): void {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    shutdownSignals: [],
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' } } },
  });
}
