/**
 * Deadline arithmetic: a start instant plus a duration, in wall time or in the working time of
 * the business calendar.
 */
import type { BusinessCalendar } from '../model/calendar';
import { formatDuration, MS_PER_MINUTE, type Duration } from './duration';
import { MissingCalendarError, NoWorkingTimeError } from './errors';
import { atLocalTime, toLocalDate, toLocalTime } from './local-date';
import type { TimeContext } from './time-zone';
import {
  findNextWorkingDay,
  iterateWorkingPeriods,
  listWorkingPeriodsOn,
  type WorkingPeriod,
} from './working-calendar';

/**
 * The instant `d` after `startMs`.
 *
 * - **Wall time** adds exact milliseconds: `24h` across a daylight-saving change is still
 *   86,400,000 ms, even though the local clock then shows 23:00 or 01:00.
 * - **Working minutes/hours** count only minutes inside the calendar's working hours. A start
 *   outside working time starts counting at the next working period; the count runs across
 *   lunch breaks, nights, weekends and holidays without using them up. A deadline that uses up
 *   a period exactly lands on that period's end (`18:00`), not on the next morning.
 * - **Working days**: the same local time of day (in the calendar's zone), N working days later.
 *   A start outside working time first moves to the start of the next working period. When that
 *   time of day is not working time on the target day (a shorter make-up day, say), the deadline
 *   is the end of the last working period before it, or the day's first period start if the
 *   time is earlier than all of them. So the result is always inside working time or exactly
 *   at the end of a working period.
 * - A zero duration is no time at all: the result is `startMs`, whatever the calendar says.
 *
 * Holidays are never working days; make-up working days (调休) are, with their own hours or
 * Monday's. Working time needs `zone.calendar`; without it this throws `MissingCalendarError`.
 *
 * @example
 * const monday10 = Date.parse('2026-01-05T10:00:00+08:00');
 * addDuration(monday10, { kind: 'wall', ms: 3_600_000 }, { timeZone: 'Asia/Shanghai' }); // 11:00
 * addDuration(monday10, { kind: 'workingMinutes', minutes: 180 }, { timeZone: 'Asia/Shanghai', calendar });
 * // 2026-01-05 14:30 (two hours before lunch, one after)
 * addDuration(monday10, { kind: 'workingDays', days: 3 }, { timeZone: 'Asia/Shanghai', calendar });
 * // 2026-01-08 10:00
 */
export function addDuration(startMs: number, d: Duration, zone: TimeContext): number {
  switch (d.kind) {
    case 'wall':
      return startMs + d.ms;
    case 'workingMinutes':
      return addWorkingMinutes(startMs, d.minutes, requireCalendar(zone, formatDuration(d)));
    case 'workingDays':
      return addWorkingDays(startMs, d.days, requireCalendar(zone, formatDuration(d)));
  }
}

/**
 * The context's calendar, or a `MissingCalendarError` naming what needed it.
 *
 * @example
 * requireCalendar({ timeZone: 'UTC' }, '3 working days'); // throws [TIME_MISSING_CALENDAR]
 */
export function requireCalendar(zone: TimeContext, what: string): BusinessCalendar {
  if (!zone.calendar) throw new MissingCalendarError(what);
  return zone.calendar;
}

function addWorkingMinutes(startMs: number, minutes: number, calendar: BusinessCalendar): number {
  if (minutes <= 0) return startMs;
  let remaining = minutes * MS_PER_MINUTE;
  for (const period of iterateWorkingPeriods(startMs, calendar)) {
    const from = Math.max(period.start, startMs);
    const available = period.end - from;
    if (remaining <= available) return from + remaining;
    remaining -= available;
  }
  throw new NoWorkingTimeError(calendar.id, toLocalDate(startMs, calendar.timeZone));
}

function addWorkingDays(startMs: number, days: number, calendar: BusinessCalendar): number {
  if (days <= 0) return startMs;
  const zone = calendar.timeZone;
  const current = firstPeriod(startMs, calendar);
  const anchor = Math.max(current.start, startMs);
  const timeOfDay = toLocalTime(anchor, zone);
  let date = toLocalDate(anchor, zone);
  for (let i = 0; i < days; i++) date = findNextWorkingDay(date, calendar);
  let periods = listWorkingPeriodsOn(date, calendar);
  // Only a day whose every range falls into a spring-forward gap has no periods; skip it.
  while (periods.length === 0) {
    date = findNextWorkingDay(date, calendar);
    periods = listWorkingPeriodsOn(date, calendar);
  }
  const candidate = atLocalTime(date, timeOfDay, zone);
  return fitIntoPeriods(candidate, periods);
}

function firstPeriod(fromMs: number, calendar: BusinessCalendar): WorkingPeriod {
  const first = iterateWorkingPeriods(fromMs, calendar).next();
  if (first.done) throw new NoWorkingTimeError(calendar.id, toLocalDate(fromMs, calendar.timeZone));
  return first.value;
}

/** `candidate` if it is working time; else the end of the last period before it, or the first start. */
function fitIntoPeriods(candidate: number, periods: readonly WorkingPeriod[]): number {
  let fitted = periods[0]?.start ?? candidate;
  for (const period of periods) {
    if (period.start <= candidate && candidate < period.end) return candidate;
    if (period.end <= candidate) fitted = period.end;
  }
  return fitted;
}
