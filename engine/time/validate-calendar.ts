/**
 * Checks a business calendar's content: working-hour ranges, dates, and that no date is both a
 * holiday and a make-up working day. Works on plain data (`unknown`), so it also guards
 * calendars built in code; the calendar file loader runs it after the JSON Schema check.
 */
import { suggestClosest } from './did-you-mean';
import { isIsoDate, weekdayOf } from './local-date';
import { parseTimeRange, type MinuteRange } from './time-of-day';
import { isValidTimeZone } from './time-zone';

/** One problem with a calendar: where (keys and list indexes from the top) and what. */
export interface CalendarProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const KNOWN_KEYS = ['id', 'name', 'timeZone', 'workingHours', 'holidays', 'workdays'];
const WEEKDAY_KEYS = ['1', '2', '3', '4', '5', '6', '7'];
const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

type Data = Record<string, unknown>;
type Report = (path: readonly (string | number)[], message: string) => void;

/**
 * Every problem with a calendar, as sentences that name the offending field and say what would
 * be right. Empty when the calendar is sound.
 *
 * @example
 * validateCalendar({ id: 'x', name: 'X', timeZone: 'Asia/Shanghai', workingHours: { 1: ['09:00-12:00', '11:00-18:00'] }, holidays: [], workdays: [] });
 * // ["workingHours.1: '09:00-12:00' and '11:00-18:00' overlap; working-hour ranges of one day must not overlap"]
 */
export function validateCalendar(cal: unknown): string[] {
  return findCalendarProblems(cal).map((p) => p.message);
}

/**
 * Like {@link validateCalendar}, with the path of each offending field, so a file loader can
 * point at its line.
 *
 * @example
 * findCalendarProblems({ ...calendar, holidays: [{ date: '2026-02-30', name: '春节' }] });
 * // [{ path: ['holidays', 0, 'date'], message: "holidays[0].date '2026-02-30' is not a real date …" }]
 */
export function findCalendarProblems(cal: unknown): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const report: Report = (path, message) => problems.push({ path, message });
  if (!isData(cal)) {
    report([], 'a calendar must be a mapping with id, name, timeZone, workingHours, holidays and workdays');
    return problems;
  }
  for (const key of Object.keys(cal).filter((k) => !KNOWN_KEYS.includes(k))) {
    const guess = suggestClosest(key, KNOWN_KEYS);
    report(
      [key],
      `unknown field '${key}'; ${guess ? `did you mean '${guess}'?` : `known fields: ${KNOWN_KEYS.join(', ')}`}`,
    );
  }
  if (typeof cal.id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(cal.id)) {
    report(['id'], `id ${describe(cal.id)} must be kebab-case, e.g. 'cn-mainland'`);
  }
  if (typeof cal.name !== 'string' || cal.name.trim() === '')
    report(['name'], 'name must be a non-empty text');
  checkTimeZone(cal.timeZone, report);
  const weekly = checkWorkingHours(cal.workingHours, report);
  const holidays = new Set(checkDatedList(cal.holidays, 'holidays', report).map((h) => h.date));
  checkWorkdays(cal.workdays, holidays, weekly, report);
  return problems;
}

function isData(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return '(missing)';
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

function checkTimeZone(tz: unknown, report: Report): void {
  if (typeof tz !== 'string') {
    report(['timeZone'], "timeZone is missing; write an IANA zone such as 'Asia/Shanghai'");
    return;
  }
  if (isValidTimeZone(tz)) return;
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const guess = suggestClosest(tz, known);
  const fix = guess ? `did you mean '${guess}'?` : "write e.g. 'Asia/Shanghai' or 'America/New_York'";
  report(['timeZone'], `timeZone '${tz}' is not a known IANA time zone (Area/City); ${fix}`);
}

/** Checks the `HH:MM-HH:MM` ranges of one day and returns the valid ones, parsed. */
function checkRanges(
  value: unknown,
  path: (string | number)[],
  where: string,
  report: Report,
): MinuteRange[] {
  if (!Array.isArray(value) || value.length === 0) {
    report(path, `${where} must be a non-empty list of ranges such as ['09:00-12:00', '13:30-18:00']`);
    return [];
  }
  const ranges: { text: string; range: MinuteRange }[] = [];
  for (const [index, text] of (value as unknown[]).entries()) {
    const range = typeof text === 'string' ? parseTimeRange(text) : undefined;
    if (range && typeof text === 'string') {
      ranges.push({ text, range });
      continue;
    }
    report(
      [...path, index],
      `${where}[${index}] ${describe(text)} is not a range HH:MM-HH:MM with the end after the start; ` +
        "write e.g. '09:00-12:00' (two-digit hours, the end at most '24:00')",
    );
  }
  ranges.sort((a, b) => a.range.start - b.range.start);
  for (let i = 1; i < ranges.length; i++) {
    const before = ranges[i - 1];
    const after = ranges[i];
    if (before && after && after.range.start < before.range.end) {
      report(
        path,
        `${where}: '${before.text}' and '${after.text}' overlap; working-hour ranges of one day must not overlap`,
      );
    }
  }
  return ranges.map((r) => r.range);
}

/** Checks the weekly hours and returns the valid ranges per weekday key ('1' … '7'). */
function checkWorkingHours(value: unknown, report: Report): Map<string, MinuteRange[]> {
  const weekly = new Map<string, MinuteRange[]>();
  if (!isData(value)) {
    report(
      ['workingHours'],
      "workingHours must map ISO weekdays (1 = Monday … 7 = Sunday) to ranges, e.g. 1: ['09:00-18:00']",
    );
    return weekly;
  }
  for (const [key, ranges] of Object.entries(value)) {
    if (!WEEKDAY_KEYS.includes(key)) {
      const named = DAY_NAMES.indexOf(key.toLowerCase());
      const fix = named >= 0 ? `write ${named + 1} for ${key}` : 'use 1 = Monday … 7 = Sunday';
      report(['workingHours', key], `workingHours has an unknown weekday '${key}'; ${fix}`);
      continue;
    }
    weekly.set(key, checkRanges(ranges, ['workingHours', key], `workingHours.${key}`, report));
  }
  return weekly;
}

interface DatedEntry {
  readonly date: string;
  readonly entry: Data;
  readonly index: number;
}

function checkDatedList(value: unknown, field: string, report: Report): DatedEntry[] {
  if (!Array.isArray(value)) {
    report(
      [field],
      `${field} must be a list of { date: YYYY-MM-DD, name } entries (an empty list [] is fine)`,
    );
    return [];
  }
  const seen = new Set<string>();
  const valid: DatedEntry[] = [];
  for (const [index, entry] of (value as unknown[]).entries()) {
    const where = `${field}[${index}]`;
    if (!isData(entry)) {
      report([field, index], `${where} must be a mapping { date: YYYY-MM-DD, name }`);
      continue;
    }
    if (typeof entry.name !== 'string' || entry.name.trim() === '') {
      report([field, index], `${where} needs a name, e.g. '春节'`);
    }
    const date = entry.date;
    if (typeof date !== 'string' || !isIsoDate(date)) {
      report(
        [field, index, 'date'],
        `${where}.date ${describe(date)} is not a real date written YYYY-MM-DD, e.g. '2026-10-01'`,
      );
    } else if (seen.has(date)) {
      report([field, index, 'date'], `${where}.date '${date}' is listed twice in ${field}`);
    } else {
      seen.add(date);
      valid.push({ date, entry, index });
    }
  }
  return valid;
}

function checkWorkdays(
  value: unknown,
  holidays: Set<string>,
  weekly: Map<string, MinuteRange[]>,
  report: Report,
): void {
  for (const { date, entry, index } of checkDatedList(value, 'workdays', report)) {
    const where = `workdays[${index}]`;
    if (holidays.has(date)) {
      report(
        ['workdays', index, 'date'],
        `${where}.date '${date}' is both a holiday and a make-up working day; remove it from one of the lists`,
      );
    }
    if (entry.hours !== undefined) {
      checkRanges(entry.hours, ['workdays', index, 'hours'], `${where}.hours`, report);
      continue;
    }
    // Broken Monday ranges are reported already; only a missing Monday leaves nothing to borrow.
    if (!weekly.has('1')) {
      report(
        ['workdays', index],
        `${where} has no hours and the calendar has no Monday hours to use instead; give it hours: ['09:00-18:00']`,
      );
    }
    // Without its own hours, a make-up day on a usual working weekday changes nothing: a wrong date.
    const weekday = weekdayOf(date);
    if ((weekly.get(String(weekday)) ?? []).length > 0) {
      report(
        ['workdays', index, 'date'],
        `${where}.date '${date}' is a ${DAY_NAMES[weekday - 1]}, already a working day; ` +
          'a make-up working day (调休) falls on a usual day off — check the date',
      );
    }
  }
}
