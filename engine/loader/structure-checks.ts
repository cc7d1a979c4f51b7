import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';
import type { Problem } from '../model/problem';
import { toPointer, type SourcePosition } from './document-path';

/** What the structure scan found, besides problems. */
export interface StructureScan {
  readonly problems: Problem[];
  /** Where the first alias (`*name`) is, to point at when aliases are over the limit. */
  readonly firstAlias?: SourcePosition;
  /** False when converting to data would be unsafe or meaningless (collection keys, unknown aliases). */
  readonly convertible: boolean;
}

/**
 * Scans a parsed YAML document, in one pass in document order, for what the parser lets
 * through but an SOP must not have: the same key twice in one map (`DUPLICATE_KEY`, at the
 * second key, which would silently win), aliases to anchors not defined before them
 * (`YAML_UNKNOWN_ALIAS`), and keys that are maps or lists (`YAML_COMPLEX_KEY`).
 *
 * @example
 * ```ts
 * scanStructure(doc, 'sop.yaml', positionOf).problems; // [{ code: 'DUPLICATE_KEY', line: 7, … }]
 * ```
 */
export function scanStructure(
  doc: Document,
  file: string,
  positionOf: (offset: number) => SourcePosition,
): StructureScan {
  const problems: Problem[] = [];
  const anchors = new Set<string>();
  let firstAlias: SourcePosition | undefined;
  let convertible = true;
  const at = (node: Node): SourcePosition => positionOf(node.range?.[0] ?? 0);

  visit(doc, {
    Node(_, node, ancestors) {
      if ((isScalar(node) || isCollection(node)) && node.anchor) anchors.add(node.anchor);
      if (isAlias(node)) {
        firstAlias ??= at(node);
        if (!anchors.has(node.source)) {
          convertible = false;
          problems.push({
            code: 'YAML_UNKNOWN_ALIAS',
            severity: 'error',
            file,
            ...at(node),
            path: '',
            message: `alias '*${node.source}' refers to no anchor '&${node.source}' defined before it`,
            hint: `define '&${node.source}' on an earlier value, or write the value out`,
          });
        }
      }
      if (!isMap(node)) return;
      const mapPath = pathOf([...ancestors, node]);
      const seen = new Map<string, Node>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (key && !isScalar(key) && !isAlias(key)) {
          convertible = false;
          problems.push({
            code: 'YAML_COMPLEX_KEY',
            severity: 'error',
            file,
            ...at(key),
            path: toPointer(mapPath),
            message: 'a key is a list or a map; SOP keys are plain names',
            hint: "write a plain key such as 'review:'",
          });
          continue;
        }
        // Merge keys (`<<`, kept as a symbol by the parser) may repeat.
        if (!isScalar(key) || typeof key.value === 'symbol') continue;
        const name = String(key.value);
        const first = seen.get(name);
        if (!first) {
          seen.set(name, key);
          continue;
        }
        problems.push({
          code: 'DUPLICATE_KEY',
          severity: 'error',
          file,
          ...at(key),
          path: toPointer([...mapPath, name]),
          message: `key '${name}' appears twice in the same map (first on line ${at(first).line}); the second would silently replace the first`,
          hint: `keep one '${name}:' and merge what the two say`,
        });
      }
    },
  });
  return { problems, ...(firstAlias ? { firstAlias } : {}), convertible };
}

/** The document path of the last of `ancestors` (as `visit` reports them: document, pairs, collections). */
function pathOf(ancestors: readonly unknown[]): (string | number)[] {
  const path: (string | number)[] = [];
  ancestors.forEach((ancestor, index) => {
    const child = ancestors[index + 1];
    if (isPair(ancestor) && child === ancestor.value && isScalar(ancestor.key)) {
      path.push(String(ancestor.key.value));
    } else if (isSeq(ancestor) && child !== undefined) {
      path.push(ancestor.items.indexOf(child));
    }
  });
  return path;
}
