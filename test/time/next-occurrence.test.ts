import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addDuration,
  isWorkingDay,
  nextOccurrence,
  parseRecurrence,
  type IsoWeekday,
  type Recurrence,
} from '../../engine/time';
import { arbitraryInstant2026, cnMainland, shanghai } from './calendar-fixtures';

function recurrence(text: string): Recurrence {
  const result = parseRecurrence(text);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

const NEW_YORK = { timeZone: 'America/New_York' };
const cn = { timeZone: 'Asia/Shanghai', calendar: cnMainland };
const local = (ms: number, zone: string): DateTime => DateTime.fromMillis(ms, { zone });

describe('nextOccurrence: clock times stay put across daylight-saving changes', () => {
  const daily = recurrence('every day at 09:00');

  it('every day at 09:00 stays at 09:00 New York time over the spring-forward night (23 h apart)', () => {
    const saturday9 = Date.parse('2026-03-07T09:00:00-05:00');
    const sunday9 = nextOccurrence(saturday9, daily, NEW_YORK);
    expect(sunday9).toBe(Date.parse('2026-03-08T09:00:00-04:00'));
    expect(sunday9 - saturday9).toBe(23 * 3_600_000);
    expect(local(sunday9, 'America/New_York').toFormat('ccc HH:mm')).toBe('Sun 09:00');
  });

  it('and over the fall-back night (25 h apart)', () => {
    const saturday9 = Date.parse('2026-10-31T09:00:00-04:00');
    const sunday9 = nextOccurrence(saturday9, daily, NEW_YORK);
    expect(sunday9 - saturday9).toBe(25 * 3_600_000);
    expect(local(sunday9, 'America/New_York').toFormat('yyyy-MM-dd HH:mm')).toBe('2026-11-01 09:00');
  });

  it('a time skipped by spring-forward fires when the clock jumps, a repeated time fires once', () => {
    const at0230 = recurrence('every day at 02:30');
    const springDay = nextOccurrence(Date.parse('2026-03-07T12:00:00-05:00'), at0230, NEW_YORK);
    expect(local(springDay, 'America/New_York').toFormat('yyyy-MM-dd HH:mm')).toBe('2026-03-08 03:30');
    const at0130 = recurrence('every day at 01:30');
    const first = nextOccurrence(Date.parse('2026-10-31T12:00:00-04:00'), at0130, NEW_YORK);
    expect(first).toBe(Date.parse('2026-11-01T01:30:00-04:00'));
    expect(
      local(nextOccurrence(first, at0130, NEW_YORK), 'America/New_York').toFormat('yyyy-MM-dd HH:mm'),
    ).toBe('2026-11-02 01:30');
  });
});

describe('nextOccurrence: weekly schedules', () => {
  it('the weekly report goes out Friday 17:00 Shanghai time', () => {
    const friday = recurrence('every friday at 17:00');
    const context = { timeZone: 'Asia/Shanghai' };
    expect(nextOccurrence(shanghai('2026-01-05T10:00'), friday, context)).toBe(shanghai('2026-01-09T17:00'));
    // Strictly after: at 17:00 sharp the next one is a week later.
    expect(nextOccurrence(shanghai('2026-01-09T17:00'), friday, context)).toBe(shanghai('2026-01-16T17:00'));
    expect(nextOccurrence(shanghai('2026-01-09T16:59'), friday, context)).toBe(shanghai('2026-01-09T17:00'));
  });

  it('every monday, thursday alternates between the two days', () => {
    const r = recurrence('every mon, thu at 09:00');
    const context = { timeZone: 'Asia/Shanghai' };
    const first = nextOccurrence(shanghai('2026-01-06T12:00'), r, context);
    const second = nextOccurrence(first, r, context);
    expect([first, second]).toEqual([shanghai('2026-01-08T09:00'), shanghai('2026-01-12T09:00')]);
  });

  it('is strictly increasing and lands on a chosen weekday at the chosen time in the zone', () => {
    const zones = fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Sydney');
    const weekdays = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 });
    // 04:00–23:59: no daylight-saving gap of these zones can swallow the time.
    const hour = fc.integer({ min: 4, max: 23 });
    const minute = fc.integer({ min: 0, max: 59 });
    fc.assert(
      fc.property(arbitraryInstant2026, zones, weekdays, hour, minute, (start, timeZone, days, h, m) => {
        const r: Recurrence = { kind: 'weekly', weekdays: days as IsoWeekday[], at: { hour: h, minute: m } };
        let previous = start;
        for (let i = 0; i < 10; i++) {
          const next = nextOccurrence(previous, r, { timeZone });
          expect(next).toBeGreaterThan(previous);
          expect(next - previous).toBeLessThanOrEqual(8 * 24 * 3_600_000);
          const t = local(next, timeZone);
          expect(days).toContain(t.weekday);
          expect([t.hour, t.minute, t.second, t.millisecond]).toEqual([h, m, 0, 0]);
          // Nothing was skipped: asking from just before gives the same occurrence.
          expect(nextOccurrence(next - 1, r, { timeZone })).toBe(next);
          previous = next;
        }
      }),
    );
  });
});

describe('nextOccurrence: working days', () => {
  const daily10 = recurrence('every working day at 10:00');

  it('skips holidays and fires on make-up working days', () => {
    const fired: string[] = [];
    let at = shanghai('2026-09-17T12:00');
    for (let i = 0; i < 6; i++) {
      at = nextOccurrence(at, daily10, cn);
      fired.push(local(at, 'Asia/Shanghai').toFormat('MM-dd HH:mm'));
    }
    // 09-18 Fri, 09-20 Sun (调休), 09-21 … 09-24, then 中秋节 09-25 … 09-27.
    expect(fired).toEqual([
      '09-18 10:00',
      '09-20 10:00',
      '09-21 10:00',
      '09-22 10:00',
      '09-23 10:00',
      '09-24 10:00',
    ]);
    expect(local(nextOccurrence(at, daily10, cn), 'Asia/Shanghai').toFormat('MM-dd HH:mm')).toBe(
      '09-28 10:00',
    );
  });

  it('only ever fires on working days, strictly later each time', () => {
    fc.assert(
      fc.property(arbitraryInstant2026, (start) => {
        const next = nextOccurrence(start, daily10, cn);
        expect(next).toBeGreaterThan(start);
        const t = local(next, 'Asia/Shanghai');
        expect(isWorkingDay(t.toFormat('yyyy-MM-dd'), cnMainland)).toBe(true);
        expect(t.toFormat('HH:mm')).toBe('10:00');
      }),
    );
  });

  it('needs a calendar', () => {
    expect(() => nextOccurrence(0, daily10, { timeZone: 'Asia/Shanghai' })).toThrow(
      expect.objectContaining({ code: 'TIME_MISSING_CALENDAR' }),
    );
  });
});

describe('nextOccurrence: intervals count from the given instant', () => {
  it('every 4h is four hours of wall time later', () => {
    expect(nextOccurrence(1_000, recurrence('every 4h'), NEW_YORK)).toBe(1_000 + 4 * 3_600_000);
  });

  it('every 2 working hours counts working time like addDuration', () => {
    const r = recurrence('every 2 working hours');
    expect(nextOccurrence(shanghai('2026-01-05T17:00'), r, cn)).toBe(shanghai('2026-01-06T10:00'));
    fc.assert(
      fc.property(arbitraryInstant2026, (start) => {
        const next = nextOccurrence(start, r, cn);
        expect(next).toBeGreaterThan(start);
        expect(next).toBe(addDuration(start, { kind: 'workingMinutes', minutes: 120 }, cn));
      }),
    );
  });

  it('a weekly recurrence with no days cannot loop forever', () => {
    const none: Recurrence = { kind: 'weekly', weekdays: [], at: { hour: 9, minute: 0 } };
    expect(() => nextOccurrence(0, none, NEW_YORK)).toThrow('[TIME_NO_OCCURRENCE]');
  });
});
