import { getSchemaValidator } from '../../../engine/validator';
import { repairMisspeltKeys } from '../../../engine/validator/schema/repair-misspelt-keys';
import { buildSop } from '../support/build-sop';

describe('repairMisspeltKeys', () => {
  it('renames obvious misspellings for the meaning checks and maps paths back to the file', () => {
    const sop = buildSop();
    sop.steps.request = {
      kind: 'form',
      assignee: 'pm',
      form: 'request',
      deadlin: '24h',
      nxt: 'done',
      zzz: 1,
    };
    const validate = getSchemaValidator('sop');
    expect(validate(sop)).toBe(false);
    const repaired = repairMisspeltKeys(sop, validate.errors ?? []);
    expect((repaired.document as typeof sop).steps.request).toEqual({
      kind: 'form',
      assignee: 'pm',
      form: 'request',
      deadline: '24h',
      next: 'done',
      zzz: 1,
    });
    expect(repaired.toWrittenPath(['steps', 'request', 'deadline'])).toEqual(['steps', 'request', 'deadlin']);
    expect(repaired.toWrittenPath(['steps', 'done'])).toEqual(['steps', 'done']);
    // The original is left as it was.
    expect(sop.steps.request.deadlin).toBe('24h');
  });

  it('does not rename when the intended key is already there', () => {
    const sop = buildSop();
    sop.steps.request.deadlin = '48h';
    const validate = getSchemaValidator('sop');
    validate(sop);
    const repaired = repairMisspeltKeys(sop, validate.errors ?? []);
    expect((repaired.document as typeof sop).steps.request.deadline).toBe('24h');
    expect((repaired.document as typeof sop).steps.request.deadlin).toBe('48h');
  });
});
