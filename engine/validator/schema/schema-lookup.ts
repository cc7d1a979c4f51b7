import type { SchemaObject } from './schema-registry';
import { formatExample } from './schema-wording';

/**
 * Follows local `$ref`s (`#/$defs/duration`) inside `root`, keeping the annotations written
 * next to the `$ref` (title, description, examples), which describe this particular use.
 *
 * @example
 * ```ts
 * resolveSchema({ $ref: '#/$defs/duration', title: 'Deadline' }, SCHEMAS.sop).type; // 'string'
 * ```
 */
export function resolveSchema(node: unknown, root: SchemaObject): SchemaObject {
  let current = asSchema(node);
  let merged: Record<string, unknown> = {};
  for (let hops = 0; hops < 16; hops++) {
    const { $ref, ...rest } = current;
    merged = { ...rest, ...merged };
    if (typeof $ref !== 'string' || !$ref.startsWith('#/')) break;
    current = asSchema(followPointer(root, $ref.slice(2)));
  }
  return merged;
}

/**
 * The JSON types a schema accepts, from `type`, `const` or `enum`; empty when anything goes.
 *
 * @example
 * ```ts
 * typesAccepted({ enum: ['a', 'b'] }); // ['string']
 * ```
 */
export function typesAccepted(schema: SchemaObject): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === 'string');
  if ('const' in schema) return [jsonTypeOf(schema.const)];
  if (Array.isArray(schema.enum)) return [...new Set(schema.enum.map(jsonTypeOf))];
  return [];
}

/**
 * The JSON Schema type name of a value (`integer` for whole numbers).
 *
 * @example
 * ```ts
 * jsonTypeOf([1]); // 'array'
 * ```
 */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

/**
 * True when a value of JSON type `actual` satisfies `accepted` (an integer is a number).
 *
 * @example
 * ```ts
 * typeMatches(['number'], 'integer'); // true
 * ```
 */
export function typeMatches(accepted: readonly string[], actual: string): boolean {
  return (
    accepted.length === 0 ||
    accepted.includes(actual) ||
    (actual === 'integer' && accepted.includes('number'))
  );
}

function followPointer(root: SchemaObject, pointer: string): unknown {
  let node: unknown = root;
  for (const raw of pointer.split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

function asSchema(node: unknown): SchemaObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as SchemaObject) : {};
}

/**
 * A schema's own explanation, for hints: its description and first example.
 *
 * @example
 * ```ts
 * aboutSchema({ description: 'When the work is due.', examples: ['24h'] }); // 'When the work is due. — e.g. 24h'
 * ```
 */
export function aboutSchema(schema: SchemaObject): string | undefined {
  const description = typeof schema.description === 'string' ? schema.description : undefined;
  const examples: unknown[] = Array.isArray(schema.examples) ? (schema.examples as unknown[]) : [];
  const example = examples.length > 0 ? `e.g. ${formatExample(examples[0])}` : undefined;
  const text = [description, example].filter(Boolean).join(' — ');
  return text === '' ? undefined : text;
}
