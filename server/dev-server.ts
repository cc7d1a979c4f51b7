/**
 * The embedded Temporal server: `temporal server start-dev` (Temporal CLI 1.9.1) as a child process,
 * bound to 127.0.0.1, persisting to a SQLite file so projects survive restarts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { delay } from './process-tools';
import { stopStaleDevServer, removePidFile, writePidFile } from './stale-dev-server';
import { waitForTemporal } from './wait-for-temporal';

const LOOPBACK = '127.0.0.1';
const KEPT_LINES = 40;

export interface DevServerOptions {
  /** The `temporal` binary (see `findTemporalCli`). */
  readonly cliPath: string;
  readonly port: number;
  readonly uiPort: number;
  /** The SQLite file; created on first start, reopened afterwards. */
  readonly dbFile: string;
  /** Everything the server prints is appended here (it is noisy even at warn level). */
  readonly logFile: string;
  /** Remembers the server's pid, so a server orphaned by a crash is stopped on the next start. */
  readonly pidFile: string;
  /** Created at launch when it does not exist yet (`default` always exists). */
  readonly namespace: string;
  readonly readyTimeoutMs?: number;
}

/** How the process ended. */
export interface DevServerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running dev server. */
export interface DevServer {
  readonly pid: number;
  /** gRPC frontend, `127.0.0.1:<port>`. */
  readonly address: string;
  readonly uiUrl: string;
  /** Settles when the process exits, whoever stopped it. */
  readonly exited: Promise<DevServerExit>;
  /** The last lines it wrote to stderr, to show when it dies. */
  recentOutput(): string;
  /** SIGTERM, then SIGKILL after `timeoutMs` (default 10 s); resolves once the process is gone. */
  stop(timeoutMs?: number): Promise<void>;
  /** SIGKILL at once (a forced stop); does nothing once it has exited. */
  kill(): void;
}

/** The command-line flags of `temporal server start-dev` for these options. */
export function devServerArgs(options: DevServerOptions): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    LOOPBACK,
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--db-filename',
    options.dbFile,
    '--log-level',
    'warn',
    // The UI would otherwise fetch a newsfeed from the internet on every page load.
    '--ui-disable-news-fetch',
    ...(options.namespace === 'default' ? [] : ['--namespace', options.namespace]),
  ];
}

/** Keeps the tail of a stream's lines in memory while copying everything to the log file. */
function captureOutput(child: ChildProcess, log: WriteStream): () => string {
  const lines: string[] = [];
  child.stdout?.pipe(log, { end: false });
  child.stderr?.on('data', (chunk: Buffer) => {
    log.write(chunk);
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - KEPT_LINES));
  });
  return () => lines.join('\n');
}

function describeExit(exit: DevServerExit): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${String(exit.code)}`;
}

/**
 * Starts the dev server and resolves once it serves `namespace`. Rejects with the server's own
 * error output when it dies during start-up (a taken port, a locked or corrupt SQLite file, …).
 *
 * @example
 * ```ts
 * const server = await startDevServer({ cliPath: findTemporalCli(), port: 7233, uiPort: 8233,
 *   dbFile: 'data/temporal.db', logFile: 'data/temporal-server.log', pidFile: 'data/temporal-server.pid',
 *   namespace: 'default' });
 * // … later
 * await server.stop();
 * ```
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  mkdirSync(dirname(options.dbFile), { recursive: true });
  await stopStaleDevServer(options.pidFile);
  const log = createWriteStream(options.logFile, { flags: 'a' });
  log.write(`\n--- ${new Date().toISOString()} temporal ${devServerArgs(options).join(' ')}\n`);
  // Its own process group: Ctrl-C in a terminal signals the whole foreground group, and the server
  // must outlive the worker and the API, which stop first.
  const child = spawn(options.cliPath, devServerArgs(options), {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) {
    const error = await new Promise<Error>((resolve) => child.once('error', resolve));
    throw new Error(`[DEV_SERVER_SPAWN] Cannot run ${options.cliPath}: ${error.message}`);
  }
  writePidFile(options.pidFile, pid);
  const recentOutput = captureOutput(child, log);
  let exit: DevServerExit | undefined;
  const exited = new Promise<DevServerExit>((resolve) => {
    // 'close', not 'exit': the last output may still be in the pipes when the process exits.
    child.once('close', (code, signal) => {
      exit = { code, signal };
      removePidFile(options.pidFile, pid);
      log.end();
      resolve(exit);
    });
  });
  // A crash of this process must not orphan the server (the pid file catches a SIGKILL).
  // Only while it has not exited: afterwards the pid may belong to another process.
  const killOnExit = () => {
    if (exit === undefined) child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);

  const address = `${LOOPBACK}:${options.port}`;
  try {
    const probe = await waitForTemporal({
      address,
      namespace: options.namespace,
      ...(options.readyTimeoutMs !== undefined ? { timeoutMs: options.readyTimeoutMs } : {}),
      stillStarting: () =>
        exit === undefined
          ? undefined
          : `[DEV_SERVER_DIED] The Temporal dev server ${describeExit(exit)} while starting. ` +
            `Its last output (full log: ${options.logFile}):\n${recentOutput() || '(nothing)'}`,
    });
    await probe.close();
  } catch (error) {
    if (!exit) child.kill('SIGKILL');
    await exited;
    throw error;
  }

  const stop = async (timeoutMs = 10_000): Promise<void> => {
    if (!exit) {
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), delay(timeoutMs).then(() => false)]);
      if (!stopped) child.kill('SIGKILL');
    }
    await exited;
    process.removeListener('exit', killOnExit);
  };
  const kill = () => {
    if (exit === undefined) child.kill('SIGKILL');
  };
  return { pid, address, uiUrl: `http://${LOOPBACK}:${options.uiPort}`, exited, recentOutput, stop, kill };
}
