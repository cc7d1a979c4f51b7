/**
 * Calendars for the time tests: the shipped cn-mainland file, a small hand-made one, and a
 * fast-check generator of random valid calendars in zones with daylight-saving changes.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { loadCalendar } from '../../engine/loader/calendar-file';
import type { BusinessCalendar } from '../../engine/model/calendar';
import { addDaysToDate, formatTimeOfDay, listWorkingPeriodsOn, toLocalDate } from '../../engine/time';

export const SHIPPED_CALENDAR_PATH = join(__dirname, '../../sop-definitions/calendars/cn-mainland.yaml');

/** The shipped calendar, read through the real loader. */
export const cnMainland: BusinessCalendar = loadCalendar(SHIPPED_CALENDAR_PATH);

/** `2026-01-05T10:00` in Shanghai, as epoch ms. */
export function shanghai(local: string): number {
  return Date.parse(`${local}:00+08:00`);
}

/** True when `ms` is exactly where some working period ends (today's, or yesterday's `24:00`). */
export function isPeriodEnd(ms: number, calendar: BusinessCalendar): boolean {
  const today = toLocalDate(ms, calendar.timeZone);
  return [addDaysToDate(today, -1), today].some((date) =>
    listWorkingPeriodsOn(date, calendar).some((period) => period.end === ms),
  );
}

// Zones with ordinary, southern-hemisphere and half-hour daylight-saving changes.
const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Australia/Lord_Howe',
];

/** Non-overlapping HH:MM-HH:MM ranges from sorted distinct quarter-hour marks; the last may end at 24:00. */
const arbitraryRanges: fc.Arbitrary<string[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 2, maxLength: 6 })
  .map((marks) => {
    const sorted = [...marks].sort((a, b) => a - b);
    const ranges: string[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      const start = (sorted[i] ?? 0) * 15;
      const end = (sorted[i + 1] ?? 0) * 15;
      ranges.push(`${formatTimeOfDay(start)}-${end === 24 * 60 ? '24:00' : formatTimeOfDay(end)}`);
    }
    return ranges;
  });

const arbitraryDate2026 = fc
  .integer({ min: 0, max: 364 })
  .map((offset) => addDaysToDate('2026-01-01', offset));

/** A random valid calendar: some weekdays with hours, holidays, and make-up days with own hours. */
export const arbitraryCalendar: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    weekly: fc.array(fc.option(arbitraryRanges, { nil: undefined }), { minLength: 7, maxLength: 7 }),
    monday: arbitraryRanges,
    holidays: fc.uniqueArray(arbitraryDate2026, { maxLength: 20 }),
    workdays: fc.uniqueArray(fc.tuple(arbitraryDate2026, arbitraryRanges), {
      maxLength: 6,
      selector: ([d]) => d,
    }),
  })
  .map(({ timeZone, weekly, monday, holidays, workdays }) => {
    const workingHours: Record<string, string[]> = { 1: monday };
    weekly.slice(1).forEach((ranges, i) => {
      if (ranges) workingHours[String(i + 2)] = ranges;
    });
    return {
      id: 'random',
      name: 'Random',
      timeZone,
      workingHours,
      holidays: holidays.map((date) => ({ date, name: 'holiday' })),
      workdays: workdays
        .filter(([date]) => !holidays.includes(date))
        .map(([date, hours]) => ({ date, name: 'make-up day', hours })),
    };
  });

/** An instant between 2025-12-01 and 2026-12-31. */
export const arbitraryInstant2026 = fc.integer({
  min: Date.parse('2025-12-01T00:00:00Z'),
  max: Date.parse('2026-12-31T00:00:00Z'),
});
