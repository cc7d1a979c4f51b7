import { loadSopText, type LoadedSop } from './load-sop-text';
import type { LoadLimits } from './load-yaml-text';
import { readTextFile } from './read-text-file';

/**
 * Reads an SOP file from disk with positions (see `loadSopText`). A missing, unreadable or
 * oversized file becomes a problem, never an exception.
 *
 * @example
 * ```ts
 * const loaded = loadSopFile('sop-definitions/new-product-launch.yaml');
 * loaded.problems.length; // 0
 * ```
 */
export function loadSopFile(path: string, limits?: LoadLimits): LoadedSop {
  const read = readTextFile(path, limits?.maxBytes);
  if ('problem' in read) {
    const nowhere = () => ({ line: 1, column: 1 });
    return {
      file: path,
      problems: [read.problem],
      damaged: [],
      locate: nowhere,
      locateKey: nowhere,
      locateInValue: nowhere,
    };
  }
  return loadSopText(read.text, path, limits);
}
