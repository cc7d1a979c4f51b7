/**
 * Working periods of a business calendar: which local dates are working days, and the instants
 * their working hours start and end. Holidays are never working days; make-up working days (调休)
 * are, with their own hours or else Monday's.
 */
import type { BusinessCalendar } from '../model/calendar';
import { InvalidCalendarError, NoWorkingTimeError } from './errors';
import { addDaysToDate, atLocalMinute, toLocalDate, weekdayOf } from './local-date';
import { parseTimeRange, type MinuteRange } from './time-of-day';

/** One stretch of working time, [start, end) in epoch milliseconds. */
export interface WorkingPeriod {
  readonly start: number;
  readonly end: number;
}

/** How far ahead a search for working time goes before declaring the calendar empty. */
const SEARCH_LIMIT_DAYS = 400;

/** Dates whose periods are remembered per calendar; a few years' worth, then start afresh. */
const PERIOD_CACHE_LIMIT = 2000;

interface CompiledCalendar {
  readonly weekly: ReadonlyMap<number, readonly MinuteRange[]>;
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlyMap<string, readonly MinuteRange[]>;
  /** Working periods per local date: zone conversions are the costly part of every deadline. */
  readonly periods: Map<string, readonly WorkingPeriod[]>;
}

// Parsing the HH:MM ranges once per calendar object keeps deadline arithmetic cheap.
const compiledCalendars = new WeakMap<BusinessCalendar, CompiledCalendar>();

function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const cached = compiledCalendars.get(calendar);
  if (cached) return cached;
  const parse = (ranges: readonly string[], where: string): MinuteRange[] =>
    ranges
      .map((text) => {
        const range = parseTimeRange(text);
        if (!range)
          throw new InvalidCalendarError(calendar.id, `${where} '${text}' is not an HH:MM-HH:MM range`);
        return range;
      })
      .sort((a, b) => a.start - b.start);
  const weekly = new Map<number, MinuteRange[]>();
  for (const [day, ranges] of Object.entries(calendar.workingHours)) {
    if (ranges) weekly.set(Number(day), parse(ranges, `workingHours.${day}`));
  }
  const mondayHours = weekly.get(1) ?? [];
  const workdays = new Map<string, MinuteRange[]>();
  for (const workday of calendar.workdays) {
    workdays.set(workday.date, workday.hours ? parse(workday.hours, `workday ${workday.date}`) : mondayHours);
  }
  const compiled = {
    weekly,
    holidays: new Set(calendar.holidays.map((h) => h.date)),
    workdays,
    periods: new Map<string, readonly WorkingPeriod[]>(),
  };
  compiledCalendars.set(calendar, compiled);
  return compiled;
}

function rangesOn(isoDate: string, calendar: BusinessCalendar): readonly MinuteRange[] {
  const compiled = compileCalendar(calendar);
  if (compiled.holidays.has(isoDate)) return [];
  return compiled.workdays.get(isoDate) ?? compiled.weekly.get(weekdayOf(isoDate)) ?? [];
}

/**
 * The working periods of one local date (in the calendar's zone), in order. Empty on days off.
 * A range swallowed by a spring-forward gap is dropped rather than returned with zero length.
 *
 * @example
 * listWorkingPeriodsOn('2026-01-05', cnMainland); // [09:00–12:00, 13:30–18:00] as epoch ms
 */
export function listWorkingPeriodsOn(isoDate: string, calendar: BusinessCalendar): readonly WorkingPeriod[] {
  const cache = compileCalendar(calendar).periods;
  const cached = cache.get(isoDate);
  if (cached) return cached;
  const periods = rangesOn(isoDate, calendar)
    .map((range) => ({
      start: atLocalMinute(isoDate, range.start, calendar.timeZone),
      end: atLocalMinute(isoDate, range.end, calendar.timeZone),
    }))
    .filter((period) => period.end > period.start);
  if (cache.size >= PERIOD_CACHE_LIMIT) cache.clear();
  cache.set(isoDate, periods);
  return periods;
}

/**
 * True when the date (`YYYY-MM-DD`, local to the calendar) has working hours: a usual working
 * weekday that is not a holiday, or a make-up working day.
 *
 * @example
 * isWorkingDay('2026-01-01', cnMainland); // false (元旦)
 * isWorkingDay('2026-01-04', cnMainland); // true (a Sunday, made up for 元旦)
 */
export function isWorkingDay(isoDate: string, calendar: BusinessCalendar): boolean {
  return rangesOn(isoDate, calendar).length > 0;
}

/**
 * True when the instant falls inside working hours. Periods are half-open: 09:00 is working
 * time, 18:00 (the end of `09:00-18:00`) is not.
 *
 * @example
 * isWorkingTime(Date.parse('2026-01-05T10:00:00+08:00'), cnMainland); // true
 * isWorkingTime(Date.parse('2026-01-05T12:30:00+08:00'), cnMainland); // false (lunch)
 */
export function isWorkingTime(ms: number, calendar: BusinessCalendar): boolean {
  const today = toLocalDate(ms, calendar.timeZone);
  return listWorkingPeriodsOn(today, calendar).some((p) => p.start <= ms && ms < p.end);
}

/**
 * Every working period that ends after `fromMs`, in order, without end. The first one may
 * already have started. Throws `NoWorkingTimeError` when a whole search window passes without
 * any working time, so a calendar without working hours cannot hang a deadline computation.
 *
 * @example
 * const first = iterateWorkingPeriods(at, calendar).next().value; // the current or next period
 */
export function* iterateWorkingPeriods(fromMs: number, calendar: BusinessCalendar): Generator<WorkingPeriod> {
  let date = toLocalDate(fromMs, calendar.timeZone);
  let emptyDays = 0;
  for (;;) {
    let found = false;
    for (const period of listWorkingPeriodsOn(date, calendar)) {
      if (period.end > fromMs) {
        found = true;
        yield period;
      }
    }
    emptyDays = found ? 0 : emptyDays + 1;
    if (emptyDays > SEARCH_LIMIT_DAYS)
      throw new NoWorkingTimeError(calendar.id, toLocalDate(fromMs, calendar.timeZone));
    date = addDaysToDate(date, 1);
  }
}

/**
 * The first working day strictly after `isoDate`, searching at most a year and a bit.
 *
 * @example
 * findNextWorkingDay('2026-09-30', cnMainland); // '2026-10-08' (after 国庆节)
 */
export function findNextWorkingDay(isoDate: string, calendar: BusinessCalendar): string {
  let date = isoDate;
  for (let i = 0; i < SEARCH_LIMIT_DAYS; i++) {
    date = addDaysToDate(date, 1);
    if (isWorkingDay(date, calendar)) return date;
  }
  throw new NoWorkingTimeError(calendar.id, isoDate);
}
