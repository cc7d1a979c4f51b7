/**
 * Local calendar dates (`YYYY-MM-DD`) and clock times in an IANA zone, via luxon, which applies
 * the zone's daylight-saving rules. Dates are stepped in UTC so that a 23- or 25-hour day never
 * skips or repeats a date.
 */
import { DateTime } from 'luxon';
import { MINUTES_PER_DAY } from './time-of-day';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A local wall-clock time, precise to the millisecond. */
export interface LocalTime {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/**
 * The local date of an instant in `zone`.
 *
 * @example
 * toLocalDate(Date.UTC(2026, 0, 1, 20), 'Asia/Shanghai'); // '2026-01-02'
 */
export function toLocalDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd');
}

/**
 * The local clock time of an instant in `zone`.
 *
 * @example
 * toLocalTime(Date.UTC(2026, 0, 1, 1, 30), 'Asia/Shanghai'); // { hour: 9, minute: 30, second: 0, millisecond: 0 }
 */
export function toLocalTime(ms: number, zone: string): LocalTime {
  const t = DateTime.fromMillis(ms, { zone });
  return { hour: t.hour, minute: t.minute, second: t.second, millisecond: t.millisecond };
}

/**
 * The date `days` days after (or before, when negative) an ISO date.
 *
 * @example
 * addDaysToDate('2026-02-28', 1); // '2026-03-01'
 */
export function addDaysToDate(isoDate: string, days: number): string {
  // Plain UTC date arithmetic: far cheaper than luxon on this hot path, and zone-free by design.
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1, 2)}-${pad(shifted.getUTCDate(), 2)}`;
}

/**
 * The ISO weekday of a date (1 = Monday … 7 = Sunday).
 *
 * @example
 * weekdayOf('2026-01-02'); // 5 (Friday)
 */
export function weekdayOf(isoDate: string): IsoWeekday {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  const sundayFirst = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return (sundayFirst === 0 ? 7 : sundayFirst) as IsoWeekday;
}

/**
 * True when `text` is a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is not).
 *
 * @example
 * isIsoDate('2026-02-28'); // true
 * isIsoDate('2026-2-28'); // false
 */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid;
}

/**
 * The instant of a local clock time on a date in `zone`. A time that does not exist (skipped by
 * a spring-forward change) moves forward by the gap, as clocks do; an ambiguous time (repeated
 * by a fall-back change) takes its first occurrence.
 *
 * @example
 * atLocalTime('2026-03-08', { hour: 9, minute: 0, second: 0, millisecond: 0 }, 'America/New_York'); // 13:00 UTC
 */
export function atLocalTime(isoDate: string, time: LocalTime, zone: string): number {
  const [year, month, day] = isoDate.split('-').map(Number);
  const local = DateTime.fromObject({ year, month, day, ...time }, { zone });
  // luxon resolves a repeated time to its second occurrence; people mean the first one.
  return Math.min(...local.getPossibleOffsets().map((candidate) => candidate.toMillis()), local.toMillis());
}

/**
 * The instant `minutes` after local midnight on a date; `1440` is midnight ending the day.
 *
 * @example
 * atLocalMinute('2026-01-05', 540, 'Asia/Shanghai'); // 2026-01-05T09:00+08:00
 */
export function atLocalMinute(isoDate: string, minutes: number, zone: string): number {
  if (minutes >= MINUTES_PER_DAY)
    return atLocalMinute(addDaysToDate(isoDate, 1), minutes - MINUTES_PER_DAY, zone);
  const time = { hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 };
  return atLocalTime(isoDate, time, zone);
}
