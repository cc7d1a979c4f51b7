import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createSchemaAjv, schemaId, SOP_SCHEMA } from './create-schema-ajv';

const DOC_TEXT = readFileSync(join(__dirname, '../../docs/approvals.md'), 'utf8');

describe('docs/approvals.md', () => {
  const blocks = [...DOC_TEXT.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '');

  it('shows only steps that are valid SOP YAML', () => {
    const validate = createSchemaAjv().getSchema(`${schemaId(SOP_SCHEMA)}#/$defs/step`)!;
    expect(blocks.length).toBeGreaterThan(15);
    const invalid = blocks.flatMap((text) =>
      Object.entries(parse(text) as Record<string, unknown>)
        .filter(([, step]) => !validate(step))
        .map(([id]) => ({ id, errors: validate.errors })),
    );
    expect(invalid).toEqual([]);
  });

  it.each([
    'mode: sequential',
    'mode: all',
    'mode: any',
    'quorum',
    'percent',
    'choice',
    'sendBackTo',
    'onWithdraw',
    'transfer',
    'before',
    'after',
    'parallel',
    'cc:',
    'urgeInterval',
    'action: approve',
    'action: reject',
    'assignee.manager',
    'approvalAdmin',
    'ifNobody',
    'ifRequesterIsApprover',
    'twice',
  ])('documents %s', (feature) => {
    expect(DOC_TEXT).toContain(feature);
  });
});
