import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import orgSchema from '../../schema/org.schema.json';
import sopSchema from '../../schema/sop.schema.json';

/** A JSON Schema object as read from our schema files. */
export type SchemaObject = { readonly [key: string]: unknown };

/**
 * The schema files this module knows, by name.
 *
 * @example
 * ```ts
 * SCHEMAS.sop.$id; // 'https://sop-engine.dev/schema/sop/v1.json'
 * ```
 */
export const SCHEMAS = {
  sop: sopSchema as SchemaObject,
  org: orgSchema as SchemaObject,
} as const;

export type SchemaName = keyof typeof SCHEMAS;

let ajv: Ajv2020 | undefined;
const branchValidators = new WeakMap<object, ValidateFunction>();

/**
 * One ajv instance for every schema: 2020-12, formats, all errors (every problem in one run),
 * `verbose` so errors carry the failing data and schema the translation needs.
 */
function getAjv(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false });
    addFormats(ajv);
    for (const schema of Object.values(SCHEMAS)) ajv.addSchema(schema);
  }
  return ajv;
}

/**
 * The compiled validator of one of our schema files.
 *
 * @example
 * ```ts
 * const validate = getSchemaValidator('sop');
 * if (!validate(data)) console.log(validate.errors);
 * ```
 */
export function getSchemaValidator(name: SchemaName): ValidateFunction {
  const id = schemaIdOf(name);
  const validate = getAjv().getSchema(id);
  if (!validate) throw new Error(`schema ${id} is not registered`);
  return validate;
}

/**
 * A validator for one branch of a `oneOf`/`anyOf` inside schema `name`, so the translation
 * can see what each alternative alone says. The branch's local `$ref`s (`#/$defs/…`) are made
 * absolute first, since the branch is compiled on its own. Cached per branch object.
 *
 * @example
 * ```ts
 * compileBranch('sop', { $ref: '#/$defs/duration' })('24h'); // true
 * ```
 */
export function compileBranch(name: SchemaName, branch: object): ValidateFunction {
  const cached = branchValidators.get(branch);
  if (cached) return cached;
  const validate = getAjv().compile(absolutizeRefs(branch, schemaIdOf(name)) as object);
  branchValidators.set(branch, validate);
  return validate;
}

/**
 * The `$id` of a schema file.
 *
 * @example
 * ```ts
 * schemaIdOf('sop'); // 'https://sop-engine.dev/schema/sop/v1.json'
 * ```
 */
export function schemaIdOf(name: SchemaName): string {
  const id = SCHEMAS[name].$id;
  if (typeof id !== 'string') throw new Error(`schema '${name}' has no $id`);
  return id;
}

function absolutizeRefs(node: unknown, baseId: string): unknown {
  if (Array.isArray(node)) return node.map((item) => absolutizeRefs(item, baseId));
  if (typeof node !== 'object' || node === null) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? `${baseId}${value}`
        : absolutizeRefs(value, baseId);
  }
  return copy;
}
