import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import type { OrgDirectory } from '../../engine/model/org';
import { createSchemaAjv, ORG_SCHEMA, schemaId } from './create-schema-ajv';

// Cases edit parsed YAML deep inside; typing every path would hide what each case changes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

// Typed as the model, so tsc keeps this sample (and with it the schema test) in step with org.ts.
const SAMPLE_ORG = {
  departments: [
    { id: 'marketing', name: '市场部', head: 'li.na' },
    { id: 'customer-service', name: '客服部', head: 'u10042' },
  ],
  users: [
    { id: 'li.na', name: '李娜', department: 'marketing', roles: ['ops-admin'], email: 'li.na@example.com' },
    { id: 'zhang.wei', name: '张伟', department: 'marketing', manager: 'li.na' },
    { id: 'u10042', name: 'Chen Jie', department: 'customer-service', manager: 'li.na', roles: [] },
  ],
  roles: { 'ops-admin': 'Maintains SOPs and the org directory' },
} satisfies OrgDirectory;

let validate: ValidateFunction;

beforeAll(() => {
  const found = createSchemaAjv().getSchema(schemaId(ORG_SCHEMA));
  if (!found) throw new Error('org.schema.json did not register under its $id');
  validate = found;
});

function errorsFor(doc: unknown): Pick<ErrorObject, 'instancePath' | 'keyword' | 'params'>[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map(({ instancePath, keyword, params }) => ({
    instancePath,
    keyword,
    params,
  }));
}

function sampleWith(change: (doc: Doc) => void): Doc {
  const doc = structuredClone(SAMPLE_ORG) as Doc;
  change(doc);
  return doc;
}

describe('org.schema.json', () => {
  it('is a 2020-12 schema with the published $id', () => {
    expect(ORG_SCHEMA.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(ORG_SCHEMA.$id).toBe('https://sop-engine.dev/schema/org/v1.json');
  });

  it('accepts a directory using every field of the model', () => {
    expect(errorsFor(SAMPLE_ORG)).toEqual([]);
  });

  it('accepts the shipped sop-definitions/org.yaml', () => {
    const shipped: unknown = parse(readFileSync(join(__dirname, '../../sop-definitions/org.yaml'), 'utf8'));
    expect(errorsFor(shipped)).toEqual([]);
  });

  const invalid: { name: string; change: (doc: Doc) => void; expected: Partial<ErrorObject> }[] = [
    {
      name: 'an unknown key on a user',
      change: (d) => (d.users[1].title = 'PM'),
      expected: {
        instancePath: '/users/1',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'title' },
      },
    },
    {
      name: 'a department without head',
      change: (d) => delete d.departments[0].head,
      expected: { instancePath: '/departments/0', keyword: 'required', params: { missingProperty: 'head' } },
    },
    {
      name: 'a missing users list',
      change: (d) => delete d.users,
      expected: { instancePath: '', keyword: 'required', params: { missingProperty: 'users' } },
    },
    {
      name: "a department id with '.' (it would read like input.<field>)",
      change: (d) => (d.departments[0].id = 'input.marketing'),
      expected: { instancePath: '/departments/0/id', keyword: 'pattern' },
    },
    {
      name: 'an email that is not an email address',
      change: (d) => (d.users[0].email = 'li.na at example.com'),
      expected: { instancePath: '/users/0/email', keyword: 'format' },
    },
    {
      name: 'a role listed twice on one user',
      change: (d) => (d.users[0].roles = ['ops-admin', 'ops-admin']),
      expected: { instancePath: '/users/0/roles', keyword: 'uniqueItems' },
    },
    {
      name: 'a role without description',
      change: (d) => (d.roles['sop-author'] = ''),
      expected: { instancePath: '/roles/sop-author', keyword: 'minLength' },
    },
  ];

  it.each(invalid)('rejects $name', ({ change, expected }) => {
    expect(errorsFor(sampleWith(change))).toEqual(
      expect.arrayContaining([expect.objectContaining(expected)]),
    );
  });
});
