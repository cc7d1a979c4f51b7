/**
 * Errors thrown by time arithmetic. Each carries a stable code, also printed in the message
 * (`[TIME_MISSING_CALENDAR] …`), so callers and tests match on the code rather than on
 * `instanceof`, which breaks across the Temporal sandbox realm and under Jest.
 */

/**
 * Working time (`3 business days`, `every working day at 10:00`) was asked for without a
 * business calendar in the time context.
 *
 * @example
 * throw new MissingCalendarError('3 working days');
 */
export class MissingCalendarError extends Error {
  readonly code = 'TIME_MISSING_CALENDAR';

  constructor(readonly what: string) {
    super(
      `[TIME_MISSING_CALENDAR] '${what}' counts working time, but no business calendar was given; ` +
        "set 'calendar:' in the SOP (e.g. 'calendar: cn-mainland') or use wall time such as '72h'",
    );
    this.name = 'MissingCalendarError';
  }
}

/**
 * The calendar has no working time for a long stretch (more than a year) after a moment, so a
 * working-time deadline can never be reached: usually empty `workingHours`.
 *
 * @example
 * throw new NoWorkingTimeError('cn-mainland', '2026-01-01');
 */
export class NoWorkingTimeError extends Error {
  readonly code = 'TIME_NO_WORKING_TIME';

  constructor(
    readonly calendarId: string,
    readonly fromDate: string,
  ) {
    super(
      `[TIME_NO_WORKING_TIME] calendar '${calendarId}' has no working hours for over a year after ${fromDate}; ` +
        "give it 'workingHours' for at least one weekday (e.g. 1: ['09:00-18:00'])",
    );
    this.name = 'NoWorkingTimeError';
  }
}

/**
 * A calendar that was never validated reached the arithmetic with a broken field.
 *
 * @example
 * throw new InvalidCalendarError('cn-mainland', "working hours '9-12' are not HH:MM-HH:MM");
 */
export class InvalidCalendarError extends Error {
  readonly code = 'TIME_INVALID_CALENDAR';

  constructor(
    readonly calendarId: string,
    readonly problem: string,
  ) {
    super(`[TIME_INVALID_CALENDAR] calendar '${calendarId}': ${problem}; check it with validateCalendar`);
    this.name = 'InvalidCalendarError';
  }
}
