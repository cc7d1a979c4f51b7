import { isCollection, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { DocumentPath } from './document-path';

/** A part of the data that a syntax error made unreliable. */
export interface DamagedPart {
  readonly path: DocumentPath;
  /**
   * True when the error broke structure (which key holds what), not just one value: then
   * anything that refers into the same top-level section may be an echo of it too.
   */
  readonly structural: boolean;
}

/**
 * Where YAML syntax errors left the data unreliable. The parser recovers from most errors
 * and still produces data, but around an error that data is guesswork (a mis-indented key
 * swallows its neighbours into a map). For each error offset this finds the deepest value
 * containing it: a scalar is damaged alone; a collection means the key that holds it was
 * misread too, so its parent is damaged. The validator does not report meaning problems
 * inside damaged parts, which would only be echoes of the syntax error.
 *
 * @example
 * ```ts
 * findDamagedPaths(doc, [507]); // [{ path: ['steps', 'request'], structural: true }]
 * ```
 */
export function findDamagedPaths(doc: Document, offsets: readonly number[]): DamagedPart[] {
  return offsets.map((offset) => {
    const { path, node } = deepestAt(doc.contents, offset);
    if (isScalar(node) && path.length > 0) return { path, structural: false };
    return { path: path.slice(0, -1), structural: true };
  });
}

function deepestAt(root: Node | null, offset: number): { path: (string | number)[]; node: Node | null } {
  const path: (string | number)[] = [];
  let node = root;
  for (let depth = 0; depth < 256 && isCollection(node); depth++) {
    const child = childAt(node, offset);
    if (!child) break;
    path.push(child.segment);
    node = child.node;
  }
  return { path, node };
}

function childAt(node: Node, offset: number): { segment: string | number; node: Node } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const value = pair.value as Node | null;
      if (isScalar(pair.key) && value && contains(value, offset))
        return { segment: String(pair.key.value), node: value };
    }
  }
  if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) {
      const value = item as Node | null;
      if (value && contains(value, offset)) return { segment: index, node: value };
    }
  }
  return undefined;
}

function contains(node: Node, offset: number): boolean {
  const range = node.range;
  // Up to the end of the value itself, not the whitespace and comments after it: an error on
  // the next line belongs to whatever holds that line.
  return !!range && range[0] <= offset && offset <= range[1];
}
