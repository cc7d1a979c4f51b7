/**
 * Recurring schedules as SOP authors write them: `every friday at 17:00`,
 * `every working day at 10:00`, `every weekday at 9:00`, `every day at 09:30`,
 * `every monday, thursday at 09:00`, or intervals `every 4h`, `every 2 working hours`.
 */
import { suggestClosest } from './did-you-mean';
import { formatDuration, parseDuration, type Duration } from './duration';
import type { IsoWeekday } from './local-date';
import { fail, succeed, type ParseResult } from './parse-result';
import { formatTimeOfDay, parseTimeOfDay } from './time-of-day';

/** A clock time, 00:00–23:59. */
export interface ClockTime {
  readonly hour: number;
  readonly minute: number;
}

/**
 * A parsed recurrence.
 * - `weekly`: at a clock time on the listed ISO weekdays (`every day` lists all seven,
 *   `every weekday` Monday to Friday), in the SOP's time zone.
 * - `workingDays`: at a clock time on every working day of the business calendar.
 * - `interval`: again and again after a duration (wall or working time).
 */
export type Recurrence =
  | { readonly kind: 'weekly'; readonly weekdays: readonly IsoWeekday[]; readonly at: ClockTime }
  | { readonly kind: 'workingDays'; readonly at: ClockTime }
  | { readonly kind: 'interval'; readonly every: Duration };

/** The list of accepted forms, shown in every recurrence error. */
export const RECURRENCE_FORMS_HINT =
  "write e.g. 'every friday at 17:00', 'every working day at 10:00', 'every weekday at 9:00', " +
  "'every day at 09:30', 'every monday, thursday at 09:00', 'every 4h' or 'every 2 working hours'";

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const ALL_DAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5];
const WORKING_DAY_WORDS = ['working day', 'business day', 'workday'];

/**
 * Parses a recurrence. Case and extra spaces do not matter. Day names may be full (`monday`)
 * or three letters (`mon`), separated by commas or `and`. Times are `HH:MM` or `H:MM`,
 * 00:00–23:59. An interval is `every` followed by a non-zero duration (see `parseDuration`).
 *
 * @example
 * parseRecurrence('every friday at 17:00'); // { ok: true, value: { kind: 'weekly', weekdays: [5], at: { hour: 17, minute: 0 } } }
 * parseRecurrence('every 2 working hours'); // { ok: true, value: { kind: 'interval', every: { kind: 'workingMinutes', minutes: 120 } } }
 * parseRecurrence('every firday at 17:00'); // { ok: false, message: "… did you mean 'friday'?", hint: … }
 */
export function parseRecurrence(text: string): ParseResult<Recurrence> {
  const original = text.trim();
  const normalized = original.toLowerCase().replace(/\s+/g, ' ').replace(/ ?, ?/g, ', ');
  if (normalized === '') return fail('the recurrence is empty', RECURRENCE_FORMS_HINT);
  if (!normalized.startsWith('every ')) {
    const withEvery = `every ${original}`;
    const hint = parseRecurrence(withEvery).ok ? `write '${withEvery}'` : RECURRENCE_FORMS_HINT;
    return fail(`'${original}' does not start with 'every'`, hint);
  }
  const rest = normalized.slice('every '.length);
  const atIndex = rest.lastIndexOf(' at ');
  if (atIndex < 0) return parseIntervalOrMissingTime(original, rest);
  const at = parseClockTime(original, rest.slice(atIndex + ' at '.length));
  if (!at.ok) return at;
  const days = rest.slice(0, atIndex);
  if (WORKING_DAY_WORDS.includes(days)) return succeed({ kind: 'workingDays', at: at.value });
  const weekdays = parseDays(original, days);
  if (!weekdays.ok) return weekdays;
  return succeed({ kind: 'weekly', weekdays: weekdays.value, at: at.value });
}

/**
 * The canonical text of a recurrence; `parseRecurrence(formatRecurrence(r))` gives `r` back.
 *
 * @example
 * formatRecurrence({ kind: 'weekly', weekdays: [1, 4], at: { hour: 9, minute: 0 } }); // 'every monday, thursday at 09:00'
 */
export function formatRecurrence(r: Recurrence): string {
  if (r.kind === 'interval') return `every ${formatDuration(r.every)}`;
  const at = formatTimeOfDay(r.at.hour * 60 + r.at.minute);
  if (r.kind === 'workingDays') return `every working day at ${at}`;
  const days = r.weekdays.join(',');
  if (days === ALL_DAYS.join(',')) return `every day at ${at}`;
  if (days === WEEKDAYS.join(',')) return `every weekday at ${at}`;
  return `every ${r.weekdays.map((d) => DAY_NAMES[d - 1]).join(', ')} at ${at}`;
}

function parseClockTime(original: string, text: string): ParseResult<ClockTime> {
  const minutes = parseTimeOfDay(text, { loose: true });
  if (minutes !== undefined) return succeed({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  const meridiem = /^(\d{1,2})(?::(\d{2}))? ?(am|pm)$/.exec(text);
  if (meridiem) {
    const hour = (Number(meridiem[1]) % 12) + (meridiem[3] === 'pm' ? 12 : 0);
    const suggestion = formatTimeOfDay(hour * 60 + Number(meridiem[2] ?? 0));
    return fail(`'${original}' uses am/pm`, `write 24-hour time: '${suggestion}'`);
  }
  return fail(
    `'${original}' has '${text}' where a time of day belongs`,
    "write a 24-hour time HH:MM between 00:00 and 23:59, e.g. 'at 09:30' or 'at 17:00'",
  );
}

function parseDays(original: string, text: string): ParseResult<IsoWeekday[]> {
  if (text === 'day') return succeed([...ALL_DAYS]);
  if (text === 'weekday' || text === 'weekdays') return succeed([...WEEKDAYS]);
  const chosen = new Set<IsoWeekday>();
  for (const word of text.split(/, (?:and )?| and | & /)) {
    const day = findDay(word);
    if (day === undefined) {
      const guess = suggestClosest(word, [...DAY_NAMES, 'day', 'weekday', 'working day']);
      const mean = guess ? ` did you mean '${guess}'?` : '';
      return fail(
        `'${original}' has an unknown day '${word}';${mean || ' it is not a day name'}`,
        "name days in English, full or three letters ('monday' or 'mon'), or write 'day', 'weekday' or 'working day'",
      );
    }
    chosen.add(day);
  }
  return succeed([...chosen].sort((a, b) => a - b));
}

function findDay(word: string): IsoWeekday | undefined {
  const singular = word.endsWith('s') && word.length > 4 ? word.slice(0, -1) : word;
  const index = DAY_NAMES.findIndex(
    (name) => name === singular || (singular.length === 3 && name.startsWith(singular)),
  );
  return index < 0 ? undefined : ((index + 1) as IsoWeekday);
}

function parseIntervalOrMissingTime(original: string, rest: string): ParseResult<Recurrence> {
  const looksLikeDays = rest === 'day' || rest.startsWith('weekday') || WORKING_DAY_WORDS.includes(rest);
  if (looksLikeDays || (!/^\d/.test(rest) && parseDays(original, rest).ok)) {
    return fail(
      `'${original}' says which days but not at what time`,
      `add a time, e.g. 'every ${rest} at 09:00'`,
    );
  }
  const duration = parseDuration(rest);
  if (!duration.ok) {
    return fail(`'${original}' is not a recurrence: ${duration.message}`, RECURRENCE_FORMS_HINT);
  }
  const every = duration.value;
  const zero =
    every.kind === 'wall'
      ? every.ms === 0
      : every.kind === 'workingDays'
        ? every.days === 0
        : every.minutes === 0;
  if (zero) return fail(`'${original}' repeats every zero time`, "give a positive interval, e.g. 'every 4h'");
  return succeed({ kind: 'interval', every });
}
