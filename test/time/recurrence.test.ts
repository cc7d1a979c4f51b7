import fc from 'fast-check';
import { formatRecurrence, parseRecurrence, type IsoWeekday, type Recurrence } from '../../engine/time';

function parsed(text: string): Recurrence {
  const result = parseRecurrence(text);
  if (!result.ok) throw new Error(`expected '${text}' to parse, got: ${result.message}`);
  return result.value;
}

function refused(text: string): { message: string; hint: string } {
  const result = parseRecurrence(text);
  if (result.ok) throw new Error(`expected '${text}' to be refused, got ${JSON.stringify(result.value)}`);
  return { message: result.message, hint: result.hint };
}

describe('parseRecurrence: accepted forms', () => {
  it.each([
    ['every friday at 17:00', { kind: 'weekly', weekdays: [5], at: { hour: 17, minute: 0 } }],
    ['Every Friday at 17:00', { kind: 'weekly', weekdays: [5], at: { hour: 17, minute: 0 } }],
    ['every fri at 17:00', { kind: 'weekly', weekdays: [5], at: { hour: 17, minute: 0 } }],
    ['every fridays at 17:00', { kind: 'weekly', weekdays: [5], at: { hour: 17, minute: 0 } }],
    ['every working day at 10:00', { kind: 'workingDays', at: { hour: 10, minute: 0 } }],
    ['every business day at 10:00', { kind: 'workingDays', at: { hour: 10, minute: 0 } }],
    ['every weekday at 9:00', { kind: 'weekly', weekdays: [1, 2, 3, 4, 5], at: { hour: 9, minute: 0 } }],
    ['every day at 09:30', { kind: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7], at: { hour: 9, minute: 30 } }],
    ['every day at 00:00', { kind: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7], at: { hour: 0, minute: 0 } }],
    ['every day at 23:59', { kind: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7], at: { hour: 23, minute: 59 } }],
    ['every monday, thursday at 09:00', { kind: 'weekly', weekdays: [1, 4], at: { hour: 9, minute: 0 } }],
    ['every mon, thu at 09:00', { kind: 'weekly', weekdays: [1, 4], at: { hour: 9, minute: 0 } }],
    ['every thu,mon at 09:00', { kind: 'weekly', weekdays: [1, 4], at: { hour: 9, minute: 0 } }],
    ['every monday and thursday at 09:00', { kind: 'weekly', weekdays: [1, 4], at: { hour: 9, minute: 0 } }],
    ['every sat, sun at 08:15', { kind: 'weekly', weekdays: [6, 7], at: { hour: 8, minute: 15 } }],
    ['every 4h', { kind: 'interval', every: { kind: 'wall', ms: 4 * 3_600_000 } }],
    ['every PT30M', { kind: 'interval', every: { kind: 'wall', ms: 30 * 60_000 } }],
    ['every 2 working hours', { kind: 'interval', every: { kind: 'workingMinutes', minutes: 120 } }],
    ['every 1 working day', { kind: 'interval', every: { kind: 'workingDays', days: 1 } }],
  ])('%s', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });
});

describe('parseRecurrence: refused forms', () => {
  it('suggests the day name meant', () => {
    expect(refused('every firday at 17:00')).toEqual({
      message: "'every firday at 17:00' has an unknown day 'firday'; did you mean 'friday'?",
      hint: "name days in English, full or three letters ('monday' or 'mon'), or write 'day', 'weekday' or 'working day'",
    });
    expect(refused('every monday, thrusday at 09:00').message).toContain("did you mean 'thursday'?");
    expect(refused('every wekday at 09:00').message).toBe(
      "'every wekday at 09:00' has an unknown day 'wekday'; did you mean 'weekday'?",
    );
    expect(refused('every blorp at 09:00').message).toBe(
      "'every blorp at 09:00' has an unknown day 'blorp'; it is not a day name",
    );
  });

  it('refuses times outside 00:00–23:59 and am/pm', () => {
    for (const time of ['24:00', '25:00', '12:60', 'noon', '9']) {
      expect(refused(`every friday at ${time}`)).toEqual({
        message: `'every friday at ${time}' has '${time}' where a time of day belongs`,
        hint: "write a 24-hour time HH:MM between 00:00 and 23:59, e.g. 'at 09:30' or 'at 17:00'",
      });
    }
    expect(refused('every friday at 5pm')).toEqual({
      message: "'every friday at 5pm' uses am/pm",
      hint: "write 24-hour time: '17:00'",
    });
    expect(refused('every friday at 12:30 am').hint).toBe("write 24-hour time: '00:30'");
  });

  it('asks for the time when only days are given', () => {
    expect(refused('every friday')).toEqual({
      message: "'every friday' says which days but not at what time",
      hint: "add a time, e.g. 'every friday at 09:00'",
    });
    expect(refused('every working day').message).toBe(
      "'every working day' says which days but not at what time",
    );
  });

  it("requires 'every' and suggests adding it", () => {
    expect(refused('friday at 17:00')).toEqual({
      message: "'friday at 17:00' does not start with 'every'",
      hint: "write 'every friday at 17:00'",
    });
    expect(refused('weekly').hint).toContain("'every friday at 17:00'");
    expect(refused('').message).toBe('the recurrence is empty');
  });

  it('refuses zero and malformed intervals', () => {
    expect(refused('every 0h')).toEqual({
      message: "'every 0h' repeats every zero time",
      hint: "give a positive interval, e.g. 'every 4h'",
    });
    expect(refused('every fortnight').message).toBe(
      "'every fortnight' is not a recurrence: 'fortnight' is not a duration",
    );
    expect(refused('every 1 month').message).toContain('is not a recurrence');
  });
});

describe('formatRecurrence', () => {
  it.each([
    ['every day at 9:30', 'every day at 09:30'],
    ['every weekday at 9:00', 'every weekday at 09:00'],
    ['every mon, tue, wed, thu, fri at 9:00', 'every weekday at 09:00'],
    ['every working day at 10:00', 'every working day at 10:00'],
    ['every thu, mon at 09:00', 'every monday, thursday at 09:00'],
    ['every 2 working hours', 'every 2 working hours'],
    ['every PT4H', 'every 4h'],
  ])('%s → %s', (text, canonical) => {
    expect(formatRecurrence(parsed(text))).toBe(canonical);
  });

  it('round-trips weekly recurrences through parseRecurrence', () => {
    const weekdays = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 });
    fc.assert(
      fc.property(
        weekdays,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (days, hour, minute) => {
          const r: Recurrence = {
            kind: 'weekly',
            weekdays: [...days].sort((a, b) => a - b) as IsoWeekday[],
            at: { hour, minute },
          };
          expect(parseRecurrence(formatRecurrence(r))).toEqual({ ok: true, value: r });
        },
      ),
    );
  });
});
