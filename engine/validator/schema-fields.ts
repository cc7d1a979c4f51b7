import { asMap, type RawMap } from './sop-index';

/** Whether a field path exists in a JSON Schema, as far as its `properties` tell. */
export type FieldLookup =
  | { readonly found: true }
  | {
      readonly found: false;
      readonly missing: string;
      readonly depth: number;
      readonly known: readonly string[];
    };

/**
 * Follows `path` through the `properties` of an (author-written) JSON Schema. A level without
 * `properties` (free-form data, `$ref`s, arrays) cannot be checked and counts as found; a
 * missing schema declares nothing. `depth` is the index of the first missing segment.
 *
 * @example
 * ```ts
 * lookupField({ properties: { cost: { type: 'number' } } }, ['cost']); // { found: true }
 * lookupField({ properties: { cost: {} } }, ['costs']); // { found: false, missing: 'costs', depth: 0, known: ['cost'] }
 * ```
 */
export function lookupField(schema: RawMap | undefined, path: readonly string[]): FieldLookup {
  let node = schema;
  for (const [depth, segment] of path.entries()) {
    if (!node) return { found: false, missing: segment, depth, known: [] };
    const properties = asMap(node.properties);
    if (!properties) return { found: true };
    if (!(segment in properties))
      return { found: false, missing: segment, depth, known: Object.keys(properties) };
    node = asMap(properties[segment]);
    // A property written as `true` or without a sub-schema accepts anything below it.
    if (!node) return { found: true };
  }
  return { found: true };
}
