/**
 * The dev server runs in its own process group, so when `npm start` is killed hard (SIGKILL, a
 * crashed terminal) the server can outlive it, holding the port and the SQLite file. Its pid and
 * its owner's pid are kept in the data folder; the next start stops such a leftover first, and
 * refuses to start while the owner is still alive (two servers on one SQLite file corrupt it).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { commandLineOf, isProcessAlive, waitForExit } from './process-tools';

interface PidRecord {
  /** The dev server. */
  readonly server: number;
  /** The `npm start` process that launched it. */
  readonly owner: number;
}

/** Records the running server's pid and ours. */
export function writePidFile(pidFile: string, server: number): void {
  writeFileSync(pidFile, `${JSON.stringify({ server, owner: process.pid } satisfies PidRecord)}\n`);
}

/** Removes the pid file if it still names `server` (a newer server may have replaced it). */
export function removePidFile(pidFile: string, server: number): void {
  if (readPidFile(pidFile)?.server === server) rmSync(pidFile, { force: true });
}

function readPidFile(pidFile: string): PidRecord | undefined {
  if (!existsSync(pidFile)) return undefined;
  try {
    const record = JSON.parse(readFileSync(pidFile, 'utf8')) as Partial<PidRecord>;
    return Number.isInteger(record.server) && Number.isInteger(record.owner)
      ? { server: record.server!, owner: record.owner! }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stops the dev server named by `pidFile` if its owner is gone and it really is a Temporal dev
 * server (pids are reused: an unrelated process with the same id is left alone).
 */
export async function stopStaleDevServer(pidFile: string): Promise<void> {
  const record = readPidFile(pidFile);
  if (record === undefined) return rmSync(pidFile, { force: true });
  const { server, owner } = record;
  const serverRunning = isProcessAlive(server) && (commandLineOf(server)?.includes('start-dev') ?? false);
  if (serverRunning && owner !== process.pid && isProcessAlive(owner)) {
    throw new Error(
      `[DATA_DIR_IN_USE] Another \`npm start\` (pid ${owner}) runs a Temporal dev server (pid ${server}) ` +
        `on this DATA_DIR. Stop it first, or set DATA_DIR to another folder.`,
    );
  }
  if (serverRunning) {
    console.warn(`Stopping a Temporal dev server left over from an earlier run (pid ${server}).`);
    process.kill(server, 'SIGTERM');
    if (!(await waitForExit(server, 10_000))) process.kill(server, 'SIGKILL');
    await waitForExit(server, 5_000);
  }
  rmSync(pidFile, { force: true });
}
