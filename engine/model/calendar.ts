/**
 * A business calendar: when people work, in one IANA time zone. Shipped as
 * `sop-definitions/calendars/<id>.yaml`. Working-time durations (`3 business days`) count only
 * the working hours of this calendar.
 */
export interface BusinessCalendar {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  /**
   * Working hours per ISO weekday (1 = Monday … 7 = Sunday) as `HH:MM-HH:MM` ranges; a weekday
   * absent from the map is not a working day. Ranges are half-open (09:00 is working time, the
   * end 18:00 is not), may not overlap, and may end at `24:00`.
   */
  readonly workingHours: Readonly<
    Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', readonly string[]>>
  >;
  /** Public holidays (YYYY-MM-DD): no work even on a usual working weekday. Empty when the file omits it. */
  readonly holidays: readonly { readonly date: string; readonly name: string }[];
  /**
   * Make-up working days (调休, YYYY-MM-DD): work on a usual day off, with `hours` or Monday's.
   * A date may not be both a holiday and a make-up day. Empty when the file omits it.
   */
  readonly workdays: readonly {
    readonly date: string;
    readonly name: string;
    readonly hours?: readonly string[];
  }[];
}
