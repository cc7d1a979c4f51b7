import { statSync } from 'node:fs';
import { UsageError } from './usage-error';

/**
 * Checks that every path names a readable regular file before any work starts, so a typo is
 * reported as a usage error (status 2) rather than as a broken SOP. Returns the paths without
 * duplicates, in the order given.
 *
 * @example
 * assertFiles(['sop-definitions/new-product-launch.yaml'], 'SOP file');
 */
export function assertFiles(paths: readonly string[], what: string): string[] {
  const missing: string[] = [];
  for (const path of paths) {
    let isFile = false;
    try {
      isFile = statSync(path).isFile();
    } catch {
      missing.push(`${what} not found: ${path}`);
      continue;
    }
    if (!isFile) missing.push(`${what} is not a file: ${path}`);
  }
  if (missing.length > 0) {
    throw new UsageError(
      missing.join('\n'),
      'check the path; a glob such as sop-definitions/*.yaml lists the files',
    );
  }
  return [...new Set(paths)];
}

/**
 * Checks that a path names a directory (the `--calendars` option).
 *
 * @example
 * assertDirectory('sop-definitions/calendars', '--calendars directory');
 */
export function assertDirectory(path: string, what: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new UsageError(
      `${what} not found: ${path}`,
      'pass the folder that holds the <calendar-id>.yaml files',
    );
  }
  if (!isDirectory) {
    throw new UsageError(
      `${what} is not a directory: ${path}`,
      'pass the folder that holds the <calendar-id>.yaml files',
    );
  }
}
