import { Validator } from '@cfworker/json-schema';
import type { JsonSchema } from '../model/sop';

/**
 * Checks data against a form's JSON Schema with a validator that needs no code generation, so it
 * runs unchanged inside the Temporal workflow sandbox (ajv stays the authoring-time validator).
 * Validators are cached per schema object.
 */
const validators = new WeakMap<object, Validator>();

function validatorFor(schema: JsonSchema): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    validator = new Validator(schema, '2020-12', false);
    validators.set(schema, validator);
  }
  return validator;
}

/**
 * Returns one readable line per problem (`/milestones/0/date: …`), or an empty list when the
 * data fits the schema.
 *
 * @example
 * checkFormData({ type: 'object', required: ['goals'] }, {}) // ["(form): missing required field 'goals'"]
 */
export function checkFormData(schema: JsonSchema, data: unknown): string[] {
  // The validator cannot judge a missing value (it throws): no data at all is its own answer.
  if (data === undefined) return ["(form): no data was sent; send the form's fields as 'data'"];
  const result = validatorFor(schema).validate(data);
  if (result.valid) return [];
  const lines = new Set<string>();
  for (const error of result.errors) {
    // Structural wrappers ("properties", "items", "allOf") restate their children's errors.
    if (['properties', 'items', 'allOf', '$ref', 'prefixItems'].includes(error.keyword)) continue;
    const where = error.instanceLocation.replace(/^#/, '') || '(form)';
    lines.add(`${where}: ${describe(error.keyword, error.error)}`);
  }
  return [...lines].slice(0, 20);
}

function describe(keyword: string, text: string): string {
  const missing = /required property "([^"]+)"/.exec(text);
  if (keyword === 'required' && missing) return `missing required field '${missing[1]}'`;
  return text;
}
