import { lookupField } from '../../engine/validator/schema-fields';

const SCHEMA = {
  type: 'object',
  properties: {
    cost: { type: 'number' },
    owner: { type: 'object', properties: { name: { type: 'string' } } },
    extra: { type: 'object' },
  },
};

describe('lookupField', () => {
  it('finds declared fields, nested ones too', () => {
    expect(lookupField(SCHEMA, ['cost'])).toEqual({ found: true });
    expect(lookupField(SCHEMA, ['owner', 'name'])).toEqual({ found: true });
  });

  it('reports the first missing segment with the fields known there', () => {
    expect(lookupField(SCHEMA, ['owner', 'nam'])).toEqual({
      found: false,
      missing: 'nam',
      depth: 1,
      known: ['name'],
    });
    expect(lookupField(undefined, ['x'])).toEqual({ found: false, missing: 'x', depth: 0, known: [] });
  });

  it('cannot tell below free-form objects, so accepts them', () => {
    expect(lookupField(SCHEMA, ['extra', 'anything'])).toEqual({ found: true });
  });
});
