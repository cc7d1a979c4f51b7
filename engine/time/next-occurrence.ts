/**
 * When a recurrence fires next.
 */
import { addDuration, requireCalendar } from './add-duration';
import { addDaysToDate, atLocalTime, toLocalDate, weekdayOf } from './local-date';
import { formatRecurrence, type ClockTime, type Recurrence } from './recurrence';
import type { TimeContext } from './time-zone';
import { isWorkingDay } from './working-calendar';

/** A weekly schedule fires within 8 days; a working-day one within any real calendar's longest break. */
const SEARCH_LIMIT_DAYS = 400;

/**
 * The first occurrence of `r` strictly after `afterMs`.
 *
 * Clock times are read in `zone.timeZone`, so `every day at 09:00` stays at 09:00 local across
 * daylight-saving changes (the gap between two occurrences is then 23 or 25 hours). A time
 * skipped by a spring-forward change fires when the clock jumps (02:30 → 03:30); a time
 * repeated by a fall-back change fires once, the first time. `every working day` asks the
 * calendar whether the local date (in `zone.timeZone`) is a working day, and needs
 * `zone.calendar` (else `MissingCalendarError`). An interval counts from `afterMs` itself, with
 * the semantics of {@link addDuration}.
 *
 * @example
 * const friday = parseRecurrence('every friday at 17:00');
 * if (friday.ok) nextOccurrence(Date.parse('2026-01-05T10:00:00+08:00'), friday.value, { timeZone: 'Asia/Shanghai' });
 * // 2026-01-09T17:00+08:00
 */
export function nextOccurrence(afterMs: number, r: Recurrence, zone: TimeContext): number {
  switch (r.kind) {
    case 'interval':
      return addDuration(afterMs, r.every, zone);
    case 'weekly':
      return findNextDayAt(afterMs, r.at, zone.timeZone, (date) => r.weekdays.includes(weekdayOf(date)), r);
    case 'workingDays': {
      const calendar = requireCalendar(zone, formatRecurrence(r));
      return findNextDayAt(afterMs, r.at, zone.timeZone, (date) => isWorkingDay(date, calendar), r);
    }
  }
}

function findNextDayAt(
  afterMs: number,
  at: ClockTime,
  timeZone: string,
  matches: (isoDate: string) => boolean,
  r: Recurrence,
): number {
  const today = toLocalDate(afterMs, timeZone);
  const time = { hour: at.hour, minute: at.minute, second: 0, millisecond: 0 };
  for (let i = 0; i < SEARCH_LIMIT_DAYS; i++) {
    const date = addDaysToDate(today, i);
    if (!matches(date)) continue;
    const candidate = atLocalTime(date, time, timeZone);
    if (candidate > afterMs) return candidate;
  }
  throw new RangeError(
    `[TIME_NO_OCCURRENCE] '${formatRecurrence(r)}' has no occurrence within ${SEARCH_LIMIT_DAYS} days after ${today}; ` +
      'check that it names at least one day and that the calendar has working days',
  );
}
