import { loadYamlText, type LoadedYaml, type LoadLimits } from './load-yaml-text';

/**
 * An SOP file read from YAML: the raw data (not yet validated), the problems found while
 * reading it, and where every node is in the source (`locate(['steps', 'review'])`).
 */
export type LoadedSop = LoadedYaml;

/**
 * Reads SOP YAML text with positions. The result goes to `validateSop`, which checks what
 * the data means; this only reports problems of the YAML itself (syntax, duplicate keys,
 * size and alias limits, several documents in one file).
 *
 * @example
 * ```ts
 * const loaded = loadSopText('apiVersion: sop/v1\nid: demo\n', 'demo.yaml');
 * loaded.problems; // []
 * loaded.locate(['id']); // { line: 2, column: 5 }
 * ```
 */
export function loadSopText(text: string, file: string, limits?: LoadLimits): LoadedSop {
  return loadYamlText(text, file, limits);
}
