/**
 * IANA time zones and the time context every calendar computation runs in.
 */
import { IANAZone } from 'luxon';
import type { BusinessCalendar } from '../model/calendar';

/**
 * Where times of day are read: the SOP's IANA time zone, and the business calendar its working
 * time counts in. The calendar carries its own zone; working hours are read in that zone, while
 * recurrence times (`every day at 09:30`) are read in `timeZone`.
 *
 * @example
 * const context: TimeContext = { timeZone: 'Asia/Shanghai', calendar: cnMainland };
 */
export interface TimeContext {
  readonly timeZone: string;
  readonly calendar?: BusinessCalendar;
}

/**
 * True when `tz` names an IANA time zone this runtime knows (`Asia/Shanghai`, `America/New_York`,
 * `UTC`). Offsets such as `+08:00` and abbreviations such as `CST` are not zones: they do not
 * follow daylight-saving changes, and `CST` means three different things.
 *
 * @example
 * isValidTimeZone('Asia/Shanghai'); // true
 * isValidTimeZone('CST'); // false
 */
export function isValidTimeZone(tz: string): boolean {
  // The explicit checks keep 'CST'-like abbreviations out even where Intl happens to accept them.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
  if (!tz.includes('/') && !['UTC', 'GMT'].includes(tz.toUpperCase())) return false;
  return IANAZone.isValidZone(tz);
}
