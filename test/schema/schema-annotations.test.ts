import { createSchemaAjv, ORG_SCHEMA, schemaId, SOP_SCHEMA } from './create-schema-ajv';
import { listDeclaredProperties, missingAnnotations, type SchemaNode } from './schema-properties';

// User-supplied JSON Schemas: any JSON Schema object may sit here, so their contents are not ours
// to document (or to close with additionalProperties: false).
const SOP_USER_SCHEMAS = ['/properties/input/properties/schema', '/$defs/form/properties/schema'];

const SCHEMAS: readonly { name: string; schema: SchemaNode; opaque: readonly string[] }[] = [
  { name: 'sop.schema.json', schema: SOP_SCHEMA, opaque: SOP_USER_SCHEMAS },
  { name: 'org.schema.json', schema: ORG_SCHEMA, opaque: [] },
];

describe('listDeclaredProperties', () => {
  it('finds properties inside $defs, combinators and nested objects', () => {
    const pointers = listDeclaredProperties(SOP_SCHEMA, SOP_USER_SCHEMAS).map((p) => p.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/properties/apiVersion',
        '/properties/input/properties/schema',
        '/$defs/formStep/properties/respondents/properties/each',
        '/$defs/tasksStep/properties/taskDefaults/properties/priority',
        '/$defs/deadline/anyOf/1/properties/at',
        '/$defs/choiceStep/properties/routes/items/properties/when',
        '/$defs/region/properties/steps',
      ]),
    );
  });

  it('does not enter user-supplied schemas or `if` conditions', () => {
    const schema = {
      properties: {
        schema: { title: 't', description: 'd', type: 'object', properties: { inner: {} } },
      },
      if: { properties: { kind: { const: 'x' } } },
    };
    const pointers = listDeclaredProperties(schema, ['/properties/schema']).map((p) => p.pointer);
    expect(pointers).toEqual(['/properties/schema']);
  });

  it('reports a property without a description, even behind a $ref', () => {
    const schema = {
      properties: {
        due: { $ref: '#/$defs/duration' },
        kind: { title: 'Kind', description: 'Which.', enum: ['a'] },
      },
      $defs: { duration: { title: 'Duration', type: 'string', examples: ['2d'] } },
    };
    const report = listDeclaredProperties(schema).map((p) => [p.pointer, missingAnnotations(p)]);
    expect(report).toEqual([
      ['/properties/due', ['description']],
      ['/properties/kind', ['examples']],
    ]);
  });
});

describe.each(SCHEMAS)('$name annotations', ({ schema, opaque }) => {
  const properties = listDeclaredProperties(schema, opaque);

  it('documents every property with a title, a description and examples', () => {
    const lacking = properties
      .map((p) => ({ pointer: p.pointer, missing: missingAnnotations(p) }))
      .filter((p) => p.missing.length > 0);
    expect(lacking).toEqual([]);
  });

  it('gives every definition a title and a description', () => {
    const defs = Object.entries((schema.$defs ?? {}) as Record<string, SchemaNode>);
    const lacking = defs
      .filter(([, def]) => typeof def.title !== 'string' || typeof def.description !== 'string')
      .map(([name]) => name);
    expect(defs.length).toBeGreaterThan(0);
    expect(lacking).toEqual([]);
  });

  it('only shows examples that are valid where they are shown', () => {
    const ajv = createSchemaAjv();
    // Properties show their own examples or those of their $ref target; definitions their own.
    const shown = [
      ...properties.map((p) => ({ pointer: p.pointer, examples: p.resolved.examples })),
      ...Object.entries((schema.$defs ?? {}) as Record<string, SchemaNode>).map(([name, def]) => ({
        pointer: `/$defs/${name}`,
        examples: def.examples,
      })),
    ];
    const invalid: { pointer: string; example: unknown; errors: unknown }[] = [];
    let checked = 0;
    for (const { pointer, examples } of shown) {
      const validate = ajv.getSchema(`${schemaId(schema)}#${pointer}`);
      if (!validate) throw new Error(`ajv cannot find ${pointer}`);
      for (const example of Array.isArray(examples) ? (examples as unknown[]) : []) {
        checked += 1;
        if (!validate(example)) invalid.push({ pointer, example, errors: validate.errors });
      }
    }
    expect(checked).toBeGreaterThan(shown.length);
    expect(invalid).toEqual([]);
  });
});
