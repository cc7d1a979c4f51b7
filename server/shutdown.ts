/**
 * Graceful shutdown on Ctrl-C and service-manager stops. Each piece registers how to stop itself
 * as it starts; a stop runs them in reverse order of start (API, then worker, then connections,
 * then the dev server), so nothing loses the thing it depends on while it is still busy. A second
 * signal (an impatient Ctrl-C) forces the exit.
 */

/** The signals that mean "stop": Ctrl-C, `kill`/systemd/docker, and a closed terminal. */
export const SHUTDOWN_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Repeats of a signal within this window count as one (see the handler). */
const DUPLICATE_SIGNAL_MS = 1_000;

/** One named stop step. */
export interface ShutdownStep {
  readonly name: string;
  run(): Promise<void>;
  /** What to do when the stop is forced (e.g. SIGKILL a child process). */
  force?(): void;
}

/** The process-wide shutdown coordinator. */
export interface Shutdown {
  /** Registers a step; steps run last-registered first. */
  add(step: ShutdownStep): void;
  /** True once a stop has begun; start-up code checks it between steps. */
  isStopping(): boolean;
  /** Runs every step (even after one fails) and exits: `code`, or 1 when a step failed. */
  stopAndExit(code: number, why?: string): Promise<never>;
  /** Removes the signal handlers (for tests). */
  dispose(): void;
}

/**
 * Installs the signal handlers and returns the coordinator.
 *
 * @example
 * ```ts
 * const shutdown = createShutdown();
 * const server = await startDevServer(options);
 * shutdown.add({ name: 'Temporal dev server', run: () => server.stop() });
 * ```
 */
export function createShutdown(log: (line: string) => void = console.log): Shutdown {
  const steps: ShutdownStep[] = [];
  let stopping: Promise<never> | undefined;

  const forceExit = () => {
    for (const step of steps) {
      try {
        step.force?.();
      } catch {
        // Forcing is best effort: the exit must happen regardless.
      }
    }
    process.exit(130);
  };

  const runSteps = async (): Promise<boolean> => {
    let clean = true;
    for (const step of [...steps].reverse()) {
      const started = Date.now();
      try {
        await step.run();
        log(`  stopped ${step.name} (${Date.now() - started} ms)`);
      } catch (error) {
        clean = false;
        console.error(
          `  could not stop ${step.name}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    return clean;
  };

  const stopAndExit = (code: number, why?: string): Promise<never> => {
    stopping ??= (async () => {
      if (why) log(why);
      const clean = await runSteps();
      process.exit(clean ? code : Math.max(code, 1));
    })();
    return stopping;
  };

  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // Wrappers (npm, tsx's CLI) forward the very Ctrl-C the terminal already delivered to the
    // whole process group: a repeat within a second is that echo, not an impatient user.
    if (stopping && Date.now() - firstSignalAt < DUPLICATE_SIGNAL_MS) return;
    if (stopping) {
      console.error(`${signal} again: forcing the stop.`);
      forceExit();
    }
    firstSignalAt = Date.now();
    void stopAndExit(0, `\n${signal} received: stopping (Ctrl-C again to force).`);
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);

  return {
    add: (step) => void steps.push(step),
    isStopping: () => stopping !== undefined,
    stopAndExit,
    dispose: () => {
      for (const signal of SHUTDOWN_SIGNALS) process.removeListener(signal, onSignal);
    },
  };
}
