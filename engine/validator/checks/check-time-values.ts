import { isValidTimeZone, parseDuration, parseRecurrence, suggestClosest } from '../../time';
import { suggest, type SopCheck } from '../check-context';
import { describePath } from '../describe-path';
import type { Report } from '../reporter';
import type { SopIndex } from '../sop-index';
import { listDurations, listRecurrences, type TimeText } from '../step-timing';

/**
 * Durations and recurrences must parse, `timeZone` must be an IANA zone, and working time
 * (`3 business days`, `every working day at 10:00`) needs a business `calendar`, which must be
 * one of the known calendars when they are given.
 *
 * @example
 * ```ts
 * checkTimeValues(indexSop(doc), report, { calendars }); // INVALID_DURATION for '2 dayz'
 * ```
 */
export const checkTimeValues: SopCheck = (index, report, options) => {
  checkTimeZone(index, report);
  const workingTime: TimeText[] = [];
  for (const duration of listDurations(index)) {
    const parsed = parseDuration(duration.text);
    if (!parsed.ok) {
      const where = describePath(duration.path, index.doc, 'the SOP');
      report({
        code: 'INVALID_DURATION',
        path: duration.path,
        message: `${where}: ${parsed.message}`,
        hint: parsed.hint,
      });
    } else if (parsed.value.kind !== 'wall') workingTime.push(duration);
  }
  for (const recurrence of listRecurrences(index)) {
    const parsed = parseRecurrence(recurrence.text);
    if (!parsed.ok) {
      report({
        code: 'INVALID_RECURRENCE',
        path: recurrence.path,
        message: `${describePath(recurrence.path, index.doc, 'the SOP')}: ${parsed.message}`,
        hint: parsed.hint,
      });
      continue;
    }
    const value = parsed.value;
    if (value.kind === 'workingDays' || (value.kind === 'interval' && value.every.kind !== 'wall')) {
      workingTime.push(recurrence);
    }
  }

  const calendar = index.doc.calendar;
  const known = options.calendars ? [...options.calendars.keys()] : undefined;
  if (typeof calendar === 'string' && known && !known.includes(calendar)) {
    report({
      code: 'UNKNOWN_CALENDAR',
      path: ['calendar'],
      message: `calendar '${calendar}' does not exist`,
      hint: suggest(calendar, known, 'the known calendars'),
    });
  }
  const [first, ...others] = workingTime;
  if (first && calendar === undefined) {
    report({
      code: 'CALENDAR_REQUIRED',
      path: first.path,
      message:
        `'${first.text}' counts working time, but the SOP names no business calendar to count it in` +
        (others.length > 0
          ? ` (${others.length} more working-time value${others.length === 1 ? '' : 's'} too)`
          : ''),
      hint: known?.length
        ? `add 'calendar: ${known[0]}' at the top of the file (calendars: ${known.join(', ')})`
        : "add 'calendar: <id>' at the top of the file, naming a calendar in sop-definitions/calendars/",
    });
  }
};

function checkTimeZone(index: SopIndex, report: Report): void {
  const zone = index.doc.timeZone;
  if (typeof zone !== 'string' || zone === '' || isValidTimeZone(zone)) return;
  const guess = suggestClosest(zone, Intl.supportedValuesOf('timeZone'));
  report({
    code: 'INVALID_TIME_ZONE',
    path: ['timeZone'],
    message: `'${zone}' is not an IANA time zone`,
    hint: guess
      ? `did you mean '${guess}'?`
      : "write a zone name such as 'Asia/Shanghai', 'Europe/Berlin' or 'UTC' (not an offset like '+08:00' or an abbreviation like 'CST')",
  });
}
