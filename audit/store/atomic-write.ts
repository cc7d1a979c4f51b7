import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

function syncDirectory(dir: string): void {
  // The rename is only durable once the directory entry is on disk; some platforms
  // (Windows) cannot open a directory, and there the rename is as durable as it gets.
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    return;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Replaces `file` with `data` so that a crash or a concurrent reader sees the old file or the
 * new one, never half of each: the bytes go to a temporary file next to it, are flushed to
 * disk, and the temporary file is renamed over the old one. Creates missing parent folders.
 *
 * @example
 * writeFileAtomically('data/audit.sqlite', db.export());
 */
export function writeFileAtomically(file: string, data: Uint8Array): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temporary, 'w', 0o600);
    try {
      for (let offset = 0; offset < data.length;) offset += writeSync(fd, data, offset, data.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(dir);
}
