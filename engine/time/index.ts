/**
 * Time for SOPs: durations, recurrences, business calendars and deadline arithmetic. Pure and
 * deterministic (no clock, no I/O), so the Temporal workflow sandbox can import it.
 */
export { addDuration, requireCalendar } from './add-duration';
export { measureEditDistance, suggestClosest } from './did-you-mean';
export {
  DURATION_FORMS_HINT,
  formatDuration,
  MAX_DURATION_DAYS,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  parseDuration,
  type Duration,
} from './duration';
export { InvalidCalendarError, MissingCalendarError, NoWorkingTimeError } from './errors';
export {
  addDaysToDate,
  atLocalTime,
  isIsoDate,
  toLocalDate,
  toLocalTime,
  weekdayOf,
  type IsoWeekday,
  type LocalTime,
} from './local-date';
export { nextOccurrence } from './next-occurrence';
export { fail, succeed, type ParseResult } from './parse-result';
export {
  formatRecurrence,
  parseRecurrence,
  RECURRENCE_FORMS_HINT,
  type ClockTime,
  type Recurrence,
} from './recurrence';
export { formatTimeOfDay, parseTimeOfDay, parseTimeRange, type MinuteRange } from './time-of-day';
export { isValidTimeZone, type TimeContext } from './time-zone';
export { findCalendarProblems, validateCalendar, type CalendarProblem } from './validate-calendar';
export {
  findNextWorkingDay,
  isWorkingDay,
  isWorkingTime,
  iterateWorkingPeriods,
  listWorkingPeriodsOn,
  type WorkingPeriod,
} from './working-calendar';
export { workingMinutesBetween } from './working-minutes-between';
