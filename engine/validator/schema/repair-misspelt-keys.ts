import type { ErrorObject } from 'ajv';
import { fromPointer, type DocumentPath } from '../../loader/document-path';
import { suggestClosest } from '../../time';

/** The document as the author meant it, and how to find its paths in the file as written. */
export interface RepairedDocument {
  readonly document: unknown;
  /** Maps a path of the repaired document back to the keys written in the file. */
  readonly toWrittenPath: (path: DocumentPath) => DocumentPath;
}

interface Rename {
  readonly parent: DocumentPath;
  readonly written: string;
  readonly meant: string;
}

/**
 * Renames keys the schema check reported as unsupported *and* as an obvious misspelling of a
 * supported key that is not there (`deadlin` → `deadline`), so the meaning checks see what
 * the author meant. Without this, one typo would also be reported as "no deadline", "escalation
 * never fires" and so on. The UNKNOWN_KEY problem itself is still reported.
 *
 * @example
 * ```ts
 * const { document } = repairMisspeltKeys(doc, validate.errors ?? []);
 * ```
 */
export function repairMisspeltKeys(document: unknown, errors: readonly ErrorObject[]): RepairedDocument {
  const renames: Rename[] = [];
  let repaired = document;
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const written = String((error.params as { additionalProperty?: unknown }).additionalProperty);
    const properties = (error.parentSchema as { properties?: object } | undefined)?.properties ?? {};
    const meant = suggestClosest(written, Object.keys(properties));
    const parent = fromPointer(error.instancePath);
    const map = valueAt(repaired, parent);
    if (!meant || !isMap(map) || meant in map || !(written in map)) continue;
    if (renames.some((r) => samePath(r.parent, parent) && r.written === written)) continue;
    repaired = replaceAt(repaired, parent, renameKey(map, written, meant));
    renames.push({ parent, written, meant });
  }
  return {
    document: repaired,
    toWrittenPath: (path) => {
      const result = [...path];
      for (const { parent, written, meant } of renames) {
        if (
          result.length > parent.length &&
          samePath(result.slice(0, parent.length), parent) &&
          result[parent.length] === meant
        ) {
          result[parent.length] = written;
        }
      }
      return result;
    },
  };
}

function renameKey(map: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  // Keep the key order, so anything reported in document order stays in order.
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key === from ? to : key, value]));
}

function valueAt(node: unknown, path: DocumentPath): unknown {
  let current = node;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[String(segment)];
  }
  return current;
}

function replaceAt(node: unknown, path: DocumentPath, value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(node)) {
    const copy: unknown[] = [...(node as unknown[])];
    copy[Number(head)] = replaceAt(node[Number(head)], rest, value);
    return copy;
  }
  const map = node as Record<string, unknown>;
  return { ...map, [String(head)]: replaceAt(map[String(head)], rest, value) };
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function samePath(a: DocumentPath, b: DocumentPath): boolean {
  return a.length === b.length && a.every((segment, i) => String(segment) === String(b[i]));
}
