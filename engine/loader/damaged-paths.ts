import { isCollection, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { DocumentPath } from './document-path';

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
 * findDamagedPaths(doc, [507]); // [['steps', 'request']]
 * ```
 */
export function findDamagedPaths(doc: Document, offsets: readonly number[]): DocumentPath[] {
  return offsets.map((offset) => {
    const { path, node } = deepestAt(doc.contents, offset);
    return isScalar(node) || path.length === 0 ? path : path.slice(0, -1);
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
  return !!range && range[0] <= offset && offset <= range[2];
}
