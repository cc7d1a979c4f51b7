import { readFileSync, statSync } from 'node:fs';
import type { Problem } from '../model/problem';
import { DEFAULT_MAX_BYTES } from './load-yaml-text';
import { fileProblem } from './yaml-problems';

/**
 * Reads a UTF-8 text file for a loader, refusing one over `maxBytes` before reading it (so a
 * wrong path to a huge file cannot exhaust memory) and turning I/O failures into a Problem.
 *
 * @example
 * ```ts
 * const read = readTextFile('sop-definitions/new-product-launch.yaml');
 * if ('text' in read) console.log(read.text.length);
 * ```
 */
export function readTextFile(
  path: string,
  maxBytes = DEFAULT_MAX_BYTES,
): { text: string } | { problem: Problem } {
  try {
    const size = statSync(path).size;
    if (size > maxBytes) {
      return {
        problem: fileProblem(
          path,
          'DOCUMENT_TOO_LARGE',
          `the file is ${size} bytes; the limit is ${maxBytes} bytes`,
          'check that this is the right file, or split it',
        ),
      };
    }
    return { text: readFileSync(path, 'utf8') };
  } catch (error) {
    const reason = (error as { code?: unknown }).code === 'ENOENT' ? 'it does not exist' : describe(error);
    return {
      problem: fileProblem(path, 'FILE_UNREADABLE', `cannot read the file: ${reason}`, 'check the path'),
    };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
