/**
 * Calendar periods of an instant in the company's zone: a fact at 2026-12-06T17:00Z belongs to
 * Monday 7 December in Shanghai, not to Sunday, so weeks and months are cut where people live.
 */
import { DateTime } from 'luxon';
import { isValidTimeZone } from '../engine/time/time-zone';
import type { KpiPeriod } from './types';

/**
 * The label of the day, ISO week or month holding `instant` (epoch ms) in `timeZone`:
 * `2026-12-07`, `2026-W50` (ISO week-numbering year, weeks start on Monday), `2026-12`.
 * Labels sort chronologically as strings.
 *
 * @example
 * periodOf(Date.parse('2026-12-06T17:00:00Z'), 'week', 'Asia/Shanghai'); // '2026-W50'
 * periodOf(Date.parse('2026-12-06T17:00:00Z'), 'day', 'UTC'); // '2026-12-06'
 */
export function periodOf(instant: number, period: KpiPeriod, timeZone: string): string {
  const local = DateTime.fromMillis(instant, { zone: timeZone });
  if (period === 'day') return local.toFormat('yyyy-MM-dd');
  if (period === 'month') return local.toFormat('yyyy-MM');
  // ISO week-numbering year (kkkk), not the calendar year: 2027-01-01 is in 2026-W53.
  return local.toFormat("kkkk-'W'WW");
}

/**
 * Throws `[KPI_BAD_TIME_ZONE]` unless `timeZone` is an IANA zone name.
 *
 * @example
 * checkTimeZone('Asia/Shanghai'); // fine
 * checkTimeZone('CST'); // throws: write an IANA zone such as 'Asia/Shanghai'
 */
export function checkTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new Error(
      `[KPI_BAD_TIME_ZONE] '${timeZone}' is not an IANA time zone; write one such as 'Asia/Shanghai' or 'UTC'`,
    );
  }
}
