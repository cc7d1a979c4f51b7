import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Scalar,
  type Document,
  type LineCounter,
  type Node,
} from 'yaml';
import type { DocumentPath, SourcePosition } from './document-path';

/** Where the nodes of a parsed YAML document are in its source text. */
export interface SourceMap {
  /**
   * The position of the node at `path`: a scalar value itself (`24h` in `deadline: 24h`), or the
   * key that introduces a map or list (`review:` for a step). A path that does not exist falls
   * back to its nearest existing parent; the empty path is the start of the file.
   */
  locate(path: DocumentPath): SourcePosition;
  /** The position of the key of the last path segment (for "unknown key" problems). */
  locateKey(path: DocumentPath): SourcePosition;
  /**
   * The position of character `offset` inside the string value at `path`, accounting for
   * quotes and block scalars, e.g. where a syntax error sits inside a `when:` expression.
   */
  locateInValue(path: DocumentPath, offset: number): SourcePosition;
}

const START_OF_FILE: SourcePosition = { line: 1, column: 1 };

interface Found {
  /** The deepest node reached. */
  readonly node: Node | null;
  /** The key node that led to it, when it was reached through a map. */
  readonly key: Node | null;
  /** True when the whole path was found. */
  readonly complete: boolean;
}

/**
 * Builds the source map of a parsed document.
 *
 * @example
 * ```ts
 * const lineCounter = new LineCounter();
 * const text = 'steps:\n  review:\n    deadline: 24h\n';
 * const doc = parseDocument(text, { lineCounter });
 * createSourceMap(doc, lineCounter, text).locate(['steps', 'review', 'deadline']); // { line: 3, column: 15 }
 * ```
 */
export function createSourceMap(doc: Document, lineCounter: LineCounter, text: string): SourceMap {
  const positionOf = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const startOf = (node: Node | null): SourcePosition | undefined =>
    node?.range ? positionOf(node.range[0]) : undefined;

  const locate = (path: DocumentPath): SourcePosition => {
    if (path.length === 0) return START_OF_FILE;
    const found = walk(doc, path);
    const { node, key } = found;
    // A missing or null value (`next:`) has no place of its own; its key is where to look.
    const valueIsPlaceable = isScalar(node) ? node.value !== null || !key : isAlias(node);
    if (found.complete && valueIsPlaceable) return startOf(node) ?? startOf(key) ?? START_OF_FILE;
    return startOf(key) ?? startOf(node) ?? START_OF_FILE;
  };

  const locateKey = (path: DocumentPath): SourcePosition => {
    if (path.length === 0) return START_OF_FILE;
    const found = walk(doc, path);
    return (found.complete ? startOf(found.key) : undefined) ?? locate(path);
  };

  const locateInValue = (path: DocumentPath, offset: number): SourcePosition => {
    const found = walk(doc, path);
    if (
      !found.complete ||
      !isScalar(found.node) ||
      !found.node.range ||
      typeof found.node.value !== 'string'
    ) {
      return locate(path);
    }
    const [start, end] = found.node.range;
    return positionOf(start + mapValueOffset(found.node, text.slice(start, end), offset));
  };

  return { locate, locateKey, locateInValue };
}

/** Follows `path` through maps (by key), lists (by index), aliases and merge keys. */
function walk(doc: Document, path: DocumentPath): Found {
  let node = doc.contents;
  let key: Node | null = null;
  for (const segment of path) {
    if (isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? null;
    const next = stepInto(doc, node, segment);
    if (!next) return { node, key, complete: false };
    ({ node, key } = next);
  }
  return { node, key, complete: true };
}

function stepInto(
  doc: Document,
  node: Node | null,
  segment: string | number,
  depth = 0,
): { node: Node | null; key: Node | null } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && String(pair.key.value) === String(segment)) {
        return { node: (pair.value as Node | null) ?? null, key: pair.key };
      }
    }
    // `<<: *defaults` merge keys: the key may come from the merged map. Bounded against cycles.
    if (depth > 8) return undefined;
    for (const pair of node.items) {
      // With merge keys on, the parser keeps `<<` as a symbol, not as text.
      if (isPair(pair) && isScalar(pair.key) && typeof pair.key.value === 'symbol') {
        const merged = isAlias(pair.value) ? (pair.value.resolve(doc) as Node | undefined) : undefined;
        const found = merged ? stepInto(doc, merged, segment, depth + 1) : undefined;
        if (found) return found;
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment] as Node | null | undefined;
    return item === undefined ? undefined : { node: item, key: null };
  }
  return undefined;
}

/**
 * Maps an offset in a scalar's value to an offset in its source text by walking both side by
 * side: characters that match advance together, anything else in the source (quotes, escapes,
 * folded line breaks, indentation) is skipped. Exact for plain and simply quoted values, and
 * close enough for folded or escaped ones to point at the right line.
 */
function mapValueOffset(node: Scalar, source: string, offset: number): number {
  const value = node.value as string;
  let sourceIndex = 0;
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) sourceIndex = 1;
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    // Skip the `|` / `>-` header line.
    const newline = source.indexOf('\n');
    sourceIndex = newline < 0 ? source.length : newline + 1;
  }
  const target = Math.max(0, Math.min(offset, value.length));
  for (let valueIndex = 0; valueIndex < target && sourceIndex < source.length;) {
    if (source[sourceIndex] === value[valueIndex]) valueIndex++;
    sourceIndex++;
  }
  // Land on the character itself, not on the indentation or escape before it.
  const wanted = value[target];
  if (wanted === undefined) return sourceIndex;
  while (sourceIndex < source.length && /\s/.test(source[sourceIndex] ?? '') && !/\s/.test(wanted))
    sourceIndex++;
  const near = source.indexOf(wanted, sourceIndex);
  return near >= 0 && near - sourceIndex <= 8 ? near : sourceIndex;
}
