import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { loadSchemaFile, type SchemaNode } from './schema-properties';

export const SOP_SCHEMA = loadSchemaFile('sop.schema.json');
export const ORG_SCHEMA = loadSchemaFile('org.schema.json');

/** `$id` of a loaded schema, so pointers into it can be looked up in ajv. */
export function schemaId(schema: SchemaNode): string {
  if (typeof schema.$id !== 'string') throw new Error('our schemas all carry an $id');
  return schema.$id;
}

/**
 * An ajv 2020-12 instance in full strict mode (unknown keywords, ignored keywords, untyped
 * applicators and undeclared required names all throw), with formats, holding both schemas.
 * `allErrors` because the validator reports every problem at once.
 */
export function createSchemaAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(SOP_SCHEMA);
  ajv.addSchema(ORG_SCHEMA);
  return ajv;
}
