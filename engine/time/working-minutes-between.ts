import type { BusinessCalendar } from '../model/calendar';
import { iterateWorkingPeriods } from './working-calendar';

/**
 * Working minutes between two instants (0 when `toMs` is not after `fromMs`), counting only the
 * calendar's working periods. Used to pause a clock: time a task spends blocked over a weekend
 * costs it nothing, an hour blocked on a Monday morning costs it an hour.
 *
 * @example
 * workingMinutesBetween(fri17h, mon10h, cnMainland); // 120: Friday 17–18 and Monday 9–10
 */
export function workingMinutesBetween(fromMs: number, toMs: number, calendar: BusinessCalendar): number {
  if (toMs <= fromMs) return 0;
  let total = 0;
  for (const period of iterateWorkingPeriods(fromMs, calendar)) {
    if (period.start >= toMs) break;
    total += Math.min(period.end, toMs) - Math.max(period.start, fromMs);
  }
  return Math.round(total / 60_000);
}
