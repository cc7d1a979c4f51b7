/**
 * CPU time of the Temporal dev server this process started (its child `temporal` process), read
 * from /proc: how much server work each implementation causes (history writes, task dispatch).
 * Linux only; elsewhere it reads NaN and the report shows it as such.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  readonly command: string;
  readonly parent: number;
  /** user + system CPU, milliseconds */
  readonly cpuMs: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command sits in parentheses and may contain spaces; the fields after it are plain.
    const close = text.lastIndexOf(')');
    const command = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { command, parent: Number(fields[1]), cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** The pid of this process's child `temporal` process, if there is exactly one. */
export function findDevServerPid(): number | undefined {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return undefined;
  }
  const servers = pids.filter((pid) => {
    const stat = readStat(pid);
    return stat?.parent === process.pid && stat.command === 'temporal';
  });
  return servers.length === 1 ? servers[0] : undefined;
}

/** CPU milliseconds the process has used so far; NaN when it cannot be read. */
export function cpuMsOf(pid: number | undefined): number {
  return pid === undefined ? Number.NaN : (readStat(pid)?.cpuMs ?? Number.NaN);
}
