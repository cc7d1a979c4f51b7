import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A JSON Schema node as read from one of our schema files. */
export type SchemaNode = { readonly [key: string]: unknown };

/** One declared property found while walking a schema. */
export interface DeclaredProperty {
  /** JSON pointer of the property's schema inside the file, e.g. `/$defs/formStep/properties/form`. */
  readonly pointer: string;
  /** The property schema as written. */
  readonly schema: SchemaNode;
  /** The schema with `$ref` targets merged in (the property's own keywords win), as an editor shows it. */
  readonly resolved: SchemaNode;
}

/** Reads `engine/schema/<file>` as plain JSON. */
export function loadSchemaFile(file: string): SchemaNode {
  return JSON.parse(readFileSync(join(__dirname, '../../engine/schema', file), 'utf8')) as SchemaNode;
}

// Keywords whose values are schemas (maps, lists, single). `if` is left out on purpose: it only
// tests a value (`kind: form`) and declares nothing, so it has nothing to document. Data
// keywords (`examples`, `const`, `enum`, `default`) are never entered.
const SCHEMA_MAPS = ['properties', 'patternProperties', 'dependentSchemas', '$defs'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_SINGLES = ['additionalProperties', 'items', 'then', 'else', 'not', 'propertyNames', 'contains'];

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Follows a local JSON pointer (`#/$defs/step`) inside `root`. */
export function resolvePointer(root: SchemaNode, ref: string): SchemaNode {
  if (!ref.startsWith('#/')) throw new Error(`only local $ref values are used in our schemas, got '${ref}'`);
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isNode(node) ? node[token] : undefined;
  }
  if (!isNode(node)) throw new Error(`$ref '${ref}' points at nothing`);
  return node;
}

/** The node with its `$ref` chain merged underneath: what an editor shows on hover. */
export function resolveAnnotations(root: SchemaNode, node: SchemaNode): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  return { ...resolveAnnotations(root, resolvePointer(root, ref)), ...node };
}

/**
 * Every property declared anywhere in `root` (under any `properties`), including inside `$defs`
 * and combinators. Boolean property schemas (`user: true`) are skipped: they only mark a name
 * inside a required-branch (`oneOf: [{ properties: { user: true }, required: [user] }]`) so ajv's
 * strict mode knows it; the real declaration sits beside them. Schemas at `opaque` pointers
 * (user-supplied JSON Schemas) are listed themselves but never entered.
 */
export function listDeclaredProperties(root: SchemaNode, opaque: readonly string[] = []): DeclaredProperty[] {
  const found: DeclaredProperty[] = [];
  const visit = (node: SchemaNode, pointer: string): void => {
    if (opaque.includes(pointer)) return;
    for (const keyword of SCHEMA_MAPS) {
      const map = node[keyword];
      if (!isNode(map)) continue;
      for (const [name, child] of Object.entries(map)) {
        const childPointer = `${pointer}/${keyword}/${escapePointerToken(name)}`;
        if (!isNode(child)) continue;
        if (keyword === 'properties') {
          found.push({ pointer: childPointer, schema: child, resolved: resolveAnnotations(root, child) });
        }
        visit(child, childPointer);
      }
    }
    for (const keyword of SCHEMA_LISTS) {
      const list = node[keyword];
      if (!Array.isArray(list)) continue;
      list.forEach((child: unknown, index) => {
        if (isNode(child)) visit(child, `${pointer}/${keyword}/${index}`);
      });
    }
    for (const keyword of SCHEMA_SINGLES) {
      const child = node[keyword];
      if (isNode(child)) visit(child, `${pointer}/${keyword}`);
    }
  };
  visit(root, '');
  return found;
}

/**
 * What a property lacks for editors and readers: a `title`, a `description`, and `examples`
 * (objects that list their own `properties` may skip examples; their fields carry them).
 */
export function missingAnnotations(property: DeclaredProperty): string[] {
  const { resolved } = property;
  const missing: string[] = [];
  if (typeof resolved.title !== 'string' || resolved.title === '') missing.push('title');
  if (typeof resolved.description !== 'string' || resolved.description === '') missing.push('description');
  const hasExamples = Array.isArray(resolved.examples) && resolved.examples.length > 0;
  if (!hasExamples && !isNode(resolved.properties)) missing.push('examples');
  return missing;
}
