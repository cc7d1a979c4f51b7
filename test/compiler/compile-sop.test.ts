import { compileSop, CompileError } from '../../engine/compiler';
import { makeSop, shippedCalendars, shippedDocument } from '../support/sop-fixtures';

const SHIPPED = ['new-product-launch', 'change-request-approval', 'incident-response'];

describe('compileSop', () => {
  it.each(SHIPPED)('compiles %s to plain JSON that survives a round trip', (name) => {
    const compiled = compileSop(shippedDocument(name), { calendars: shippedCalendars() });
    expect(JSON.parse(JSON.stringify(compiled))).toEqual(compiled);
    expect(compiled.hash).toMatch(/^[0-9a-f]{64}$/);
    // Guards and actions are referenced by name, never as functions.
    expect(JSON.stringify(compiled.machine)).not.toMatch(/function|=>/);
  });

  it.each(SHIPPED)('is deterministic for %s: the same input gives byte-identical output', (name) => {
    const first = JSON.stringify(compileSop(shippedDocument(name), { calendars: shippedCalendars() }));
    const second = JSON.stringify(compileSop(shippedDocument(name), { calendars: shippedCalendars() }));
    expect(second).toBe(first);
  });

  it('changes the hash when the document changes, and only then', () => {
    const doc = shippedDocument('new-product-launch');
    const calendars = shippedCalendars();
    const base = compileSop(doc, { calendars }).hash;
    expect(compileSop({ ...doc }, { calendars }).hash).toBe(base);
    expect(compileSop({ ...doc, title: 'changed' }, { calendars }).hash).not.toBe(base);
  });

  it('pins the calendar into the compiled SOP so a running project never reads files', () => {
    const compiled = compileSop(shippedDocument('new-product-launch'), { calendars: shippedCalendars() });
    expect(compiled.calendar?.id).toBe('cn-mainland');
    expect(compiled.steps.map((s) => s.id)).toEqual([
      'requirement',
      'breakdown',
      'progress',
      'retrospective',
      'closed',
      'cancelled',
    ]);
  });

  it('refuses an SOP whose calendar was not provided, naming the calendars it knows', () => {
    expect(() => compileSop(makeSop({ end: { kind: 'final' } }), { calendars: new Map() })).toThrow(
      new CompileError(
        'CALENDAR_NOT_FOUND',
        "SOP 'test-sop' uses calendar 'test', which was not provided (known: none)",
      ),
    );
  });

  it('gives every step its own XState id and targets steps by id', () => {
    const compiled = compileSop(shippedDocument('new-product-launch'), { calendars: shippedCalendars() });
    const states = compiled.machine.states as Record<
      string,
      { id: string; on?: Record<string, { target?: string }[]> }
    >;
    expect(states.requirement?.id).toBe('requirement');
    expect(states.requirement?.on?.submit?.[0]?.target).toBe('#breakdown');
  });
});
