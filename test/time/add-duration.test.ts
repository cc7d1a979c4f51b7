import fc from 'fast-check';
import type { BusinessCalendar } from '../../engine/model/calendar';
import { addDuration, isWorkingTime, validateCalendar, type Duration } from '../../engine/time';
import {
  arbitraryCalendar,
  arbitraryInstant2026,
  cnMainland,
  isPeriodEnd,
  shanghai,
} from './calendar-fixtures';

const cn = { timeZone: 'Asia/Shanghai', calendar: cnMainland };
const workingMinutes = (minutes: number): Duration => ({ kind: 'workingMinutes', minutes });
const workingDays = (days: number): Duration => ({ kind: 'workingDays', days });

describe('addDuration: wall time', () => {
  it('adds exact milliseconds, so 24h across the New York spring-forward change is 86,400,000 ms', () => {
    const start = Date.parse('2026-03-07T12:00:00-05:00'); // the day before clocks jump 02:00 → 03:00
    const end = addDuration(start, { kind: 'wall', ms: 86_400_000 }, { timeZone: 'America/New_York' });
    expect(end - start).toBe(86_400_000);
    // The local clock moved an hour further than a day.
    expect(new Date(end).toISOString()).toBe('2026-03-08T17:00:00.000Z'); // 13:00 EDT
  });

  it('is also exact across the fall-back change', () => {
    const start = Date.parse('2026-10-31T12:00:00-04:00');
    expect(
      addDuration(start, { kind: 'wall', ms: 86_400_000 }, { timeZone: 'America/New_York' }) - start,
    ).toBe(86_400_000);
  });

  it('needs no calendar', () => {
    expect(addDuration(1000, { kind: 'wall', ms: 500 }, { timeZone: 'UTC' })).toBe(1500);
  });
});

describe('addDuration: working minutes and hours (cn-mainland, 09:00-12:00 and 13:30-18:00)', () => {
  it.each([
    ['2026-01-05T10:00', 60, '2026-01-05T11:00'],
    ['2026-01-05T10:00', 180, '2026-01-05T14:30'], // two hours before lunch, one after
    ['2026-01-05T11:00', 60, '2026-01-05T12:00'], // using up the morning lands at its end, not after lunch
    ['2026-01-05T12:30', 30, '2026-01-05T14:00'], // starting in the lunch break counts from 13:30
    ['2026-01-05T19:00', 30, '2026-01-06T09:30'], // starting after hours counts from the next morning
    ['2026-01-05T17:00', 120, '2026-01-06T10:00'],
    ['2026-01-09T17:00', 240, '2026-01-12T12:00'], // Friday → Monday, over the weekend
    ['2026-09-18T17:00', 120, '2026-09-20T10:00'], // Friday → Sunday 09-20, a make-up working day (国庆节调休)
    ['2026-09-24T17:00', 120, '2026-09-28T10:00'], // over 中秋节 (09-25 … 09-27)
  ])('%s + %d working minutes = %s', (start, minutes, expected) => {
    expect(addDuration(shanghai(start), workingMinutes(minutes), cn)).toBe(shanghai(expected));
  });

  it('returns the start unchanged for zero working minutes', () => {
    const saturday = shanghai('2026-01-10T11:00');
    expect(addDuration(saturday, workingMinutes(0), cn)).toBe(saturday);
  });
});

describe('addDuration: working days', () => {
  it.each([
    ['2026-01-05T10:00', 3, '2026-01-08T10:00'], // same time of day, three working days later
    ['2026-01-09T16:00', 1, '2026-01-12T16:00'], // Friday → Monday
    ['2026-01-10T11:00', 1, '2026-01-13T09:00'], // Saturday: first to Monday 09:00, then one day
    ['2026-01-05T12:30', 1, '2026-01-06T13:30'], // lunch: first to 13:30
    ['2026-01-05T18:00', 1, '2026-01-07T09:00'], // 18:00 is the end, not working time
    ['2025-12-31T10:00', 1, '2026-01-04T10:00'], // skips 元旦 (01-01 … 01-03), counts Sunday 01-04 (调休)
    ['2026-02-13T15:00', 1, '2026-02-14T15:00'], // Saturday 02-14 is a make-up working day
    ['2026-02-13T15:00', 2, '2026-02-24T15:00'], // then 春节 02-15 … 02-23 is skipped
    ['2026-09-30T10:00', 1, '2026-10-08T10:00'], // 国庆节 10-01 … 10-07
    ['2026-09-30T10:00', 3, '2026-10-10T10:00'], // 10-08, 10-09, and Saturday 10-10 (调休)
  ])('%s + %d working days = %s', (start, days, expected) => {
    expect(addDuration(shanghai(start), workingDays(days), cn)).toBe(shanghai(expected));
  });

  it('lands at the end of a shorter make-up day when its hours end before the time of day', () => {
    const calendar: BusinessCalendar = {
      ...cnMainland,
      workdays: [{ date: '2026-01-10', name: 'half day', hours: ['10:00-12:00'] }],
    };
    const context = { timeZone: 'Asia/Shanghai', calendar };
    // Friday 15:00 + 1 working day → Saturday, which ends at 12:00.
    expect(addDuration(shanghai('2026-01-09T15:00'), workingDays(1), context)).toBe(
      shanghai('2026-01-10T12:00'),
    );
    // Friday 09:30 + 1 working day → Saturday, which starts at 10:00.
    expect(addDuration(shanghai('2026-01-09T09:30'), workingDays(1), context)).toBe(
      shanghai('2026-01-10T10:00'),
    );
  });

  it('uses Monday hours for a make-up day without hours of its own', () => {
    expect(isWorkingTime(shanghai('2026-02-14T13:30'), cnMainland)).toBe(true);
    expect(isWorkingTime(shanghai('2026-02-14T12:30'), cnMainland)).toBe(false);
  });
});

describe('addDuration: errors', () => {
  it('throws MissingCalendarError for working time without a calendar', () => {
    for (const d of [workingDays(3), workingMinutes(240)]) {
      expect(() => addDuration(0, d, { timeZone: 'Asia/Shanghai' })).toThrow(
        expect.objectContaining({ code: 'TIME_MISSING_CALENDAR' }),
      );
    }
    expect(() => addDuration(0, workingDays(3), { timeZone: 'Asia/Shanghai' })).toThrow(
      "[TIME_MISSING_CALENDAR] '3 working days' counts working time, but no business calendar was given; " +
        "set 'calendar:' in the SOP (e.g. 'calendar: cn-mainland') or use wall time such as '72h'",
    );
  });

  it('throws NoWorkingTimeError instead of hanging on a calendar without working hours', () => {
    const empty: BusinessCalendar = { ...cnMainland, id: 'empty', workingHours: {}, workdays: [] };
    for (const d of [workingDays(1), workingMinutes(1)]) {
      expect(() => addDuration(0, d, { timeZone: 'UTC', calendar: empty })).toThrow(
        expect.objectContaining({ code: 'TIME_NO_WORKING_TIME' }),
      );
    }
  });
});

describe('addDuration: properties', () => {
  it('generates valid calendars', () => {
    fc.assert(fc.property(arbitraryCalendar, (calendar) => expect(validateCalendar(calendar)).toEqual([])));
  });

  it('a working-time deadline is inside working time or exactly at the end of a period', () => {
    const duration = fc.oneof(
      fc.integer({ min: 1, max: 5000 }).map(workingMinutes),
      fc.integer({ min: 1, max: 30 }).map(workingDays),
    );
    fc.assert(
      fc.property(arbitraryCalendar, arbitraryInstant2026, duration, (calendar, start, d) => {
        const end = addDuration(start, d, { timeZone: calendar.timeZone, calendar });
        expect(end).toBeGreaterThan(start);
        expect(isWorkingTime(end, calendar) || isPeriodEnd(end, calendar)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the shipped calendar: deadlines land in working time, never on a holiday', () => {
    const duration = fc.oneof(
      fc.integer({ min: 1, max: 3000 }).map(workingMinutes),
      fc.integer({ min: 1, max: 20 }).map(workingDays),
    );
    fc.assert(
      fc.property(arbitraryInstant2026, duration, (start, d) => {
        const end = addDuration(start, d, cn);
        expect(isWorkingTime(end, cnMainland) || isPeriodEnd(end, cnMainland)).toBe(true);
      }),
    );
  });

  it('adding two working-minute durations equals adding their sum', () => {
    const minutes = fc.integer({ min: 0, max: 3000 });
    fc.assert(
      fc.property(arbitraryCalendar, arbitraryInstant2026, minutes, minutes, (calendar, start, a, b) => {
        const context = { timeZone: calendar.timeZone, calendar };
        const stepwise = addDuration(
          addDuration(start, workingMinutes(a), context),
          workingMinutes(b),
          context,
        );
        expect(stepwise).toBe(addDuration(start, workingMinutes(a + b), context));
      }),
      { numRuns: 300 },
    );
  });

  it('more working time never gives an earlier deadline', () => {
    const ordered = (max: number): fc.Arbitrary<[number, number]> =>
      fc.tuple(fc.nat(max), fc.nat(max)).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
    fc.assert(
      fc.property(
        arbitraryInstant2026,
        ordered(3000),
        ordered(20),
        (start, [fewerMinutes, moreMinutes], [fewerDays, moreDays]) => {
          expect(addDuration(start, workingMinutes(fewerMinutes), cn)).toBeLessThanOrEqual(
            addDuration(start, workingMinutes(moreMinutes), cn),
          );
          expect(addDuration(start, workingDays(fewerDays), cn)).toBeLessThanOrEqual(
            addDuration(start, workingDays(moreDays), cn),
          );
        },
      ),
    );
  });
});
