/**
 * Durations as SOP authors write them: wall time (`48h`, `1h30m`, `PT48H`) or working time
 * counted in a business calendar (`3 business days`, `4 working hours`).
 */
import { suggestClosest } from './did-you-mean';
import { parseIsoDuration } from './iso-duration';
import { fail, succeed, type ParseResult } from './parse-result';

/**
 * A parsed duration.
 * - `wall`: exact elapsed milliseconds, weekends and nights included.
 * - `workingDays`: N working days of the business calendar (same local time of day N working days later).
 * - `workingMinutes`: N minutes inside the calendar's working hours (`4 working hours` is 240).
 */
export type Duration =
  | { readonly kind: 'wall'; readonly ms: number }
  | { readonly kind: 'workingDays'; readonly days: number }
  | { readonly kind: 'workingMinutes'; readonly minutes: number };

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60 * MS_PER_SECOND;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** The longest duration accepted, about ten years: anything longer is almost surely a typo. */
export const MAX_DURATION_DAYS = 3660;

/** The list of accepted forms, shown in every duration error. */
export const DURATION_FORMS_HINT =
  "write wall time as '48h', '30m', '2d', '1w', '1h30m', '45s' or ISO 8601 'PT48H', 'P3D', 'P1DT2H', " +
  "or working time as '3 business days', '2 working days', '4 working hours', '1.5 working hours', '30 working minutes'";

const WALL_UNITS = ['w', 'd', 'h', 'm', 's'] as const;
type WallUnit = (typeof WALL_UNITS)[number];
const WALL_UNIT_MS: Record<WallUnit, number> = {
  w: 7 * MS_PER_DAY,
  d: MS_PER_DAY,
  h: MS_PER_HOUR,
  m: MS_PER_MINUTE,
  s: MS_PER_SECOND,
};
const WORKING_UNITS = ['day', 'days', 'hour', 'hours', 'minute', 'minutes'] as const;
const NUMBER = /^\d+(?:\.\d+)?$/;
const SPELLED_UNITS = ['weeks', 'days', 'hours', 'minutes', 'seconds'];

/**
 * Parses a duration. Case and surrounding spaces do not matter.
 *
 * Wall time: compact `48h`, `30m`, `2d`, `1w`, `1h30m`, `45s`, `0h` (units w, d, h, m, s, largest
 * first, whole numbers) or ISO 8601 `PT48H`, `P3D`, `P1W`, `P1DT2H`. Years and months are refused
 * because their length varies. Working time: `N business|working day(s)` (whole N),
 * `N working hour(s)` (decimals allowed if they make whole minutes), `N working minute(s)`.
 *
 * @example
 * parseDuration('1h30m'); // { ok: true, value: { kind: 'wall', ms: 5_400_000 } }
 * parseDuration('3 business days'); // { ok: true, value: { kind: 'workingDays', days: 3 } }
 * parseDuration('P1M'); // { ok: false, message: "… months have no fixed length …", hint: "… 'P30D' …" }
 */
export function parseDuration(text: string): ParseResult<Duration> {
  const normalized = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (normalized === '') return fail('the duration is empty', DURATION_FORMS_HINT);
  if (normalized.startsWith('-')) {
    return fail(`'${text.trim()}' is negative; a duration counts forward in time`, DURATION_FORMS_HINT);
  }
  if (normalized.startsWith('p')) return checkLimit(text, parseIsoDuration(normalized, text.trim()));
  const working = /^(\S+) ?(business|working) (\S+)$/.exec(normalized);
  if (working) return checkLimit(text, parseWorkingDuration(text.trim(), working[1] ?? '', working[3] ?? ''));
  return checkLimit(text, parseCompactDuration(text.trim(), normalized));
}

/**
 * The canonical text of a duration; `parseDuration(formatDuration(d))` gives `d` back.
 * Wall time is written in hours, minutes and seconds (`48h`, `1h30m`, `0h`); working time as
 * `3 working days`, `4 working hours`, `90 working minutes`.
 *
 * @example
 * formatDuration({ kind: 'wall', ms: 172_800_000 }); // '48h'
 * formatDuration({ kind: 'workingMinutes', minutes: 240 }); // '4 working hours'
 */
export function formatDuration(d: Duration): string {
  switch (d.kind) {
    case 'workingDays':
      return `${d.days} working ${d.days === 1 ? 'day' : 'days'}`;
    case 'workingMinutes':
      if (d.minutes % 60 === 0 && d.minutes > 0) {
        const hours = d.minutes / 60;
        return `${hours} working ${hours === 1 ? 'hour' : 'hours'}`;
      }
      return `${d.minutes} working ${d.minutes === 1 ? 'minute' : 'minutes'}`;
    case 'wall':
      return formatWallMs(d.ms);
  }
}

function formatWallMs(ms: number): string {
  // Sub-second durations never come from the compact form; ISO seconds carry the fraction.
  if (ms % MS_PER_SECOND !== 0) return `PT${ms / MS_PER_SECOND}S`;
  const hours = Math.floor(ms / MS_PER_HOUR);
  const minutes = Math.floor((ms % MS_PER_HOUR) / MS_PER_MINUTE);
  const seconds = Math.floor((ms % MS_PER_MINUTE) / MS_PER_SECOND);
  const parts = [hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', seconds ? `${seconds}s` : ''];
  return parts.join('') || '0h';
}

function parseWorkingDuration(original: string, amount: string, unitWord: string): ParseResult<Duration> {
  const unit = unitWord as (typeof WORKING_UNITS)[number];
  if (!WORKING_UNITS.includes(unit)) {
    const guess = suggestClosest(unitWord, WORKING_UNITS);
    return fail(
      `'${original}' has an unknown working-time unit '${unitWord}'${guess ? `; did you mean '${guess}'?` : ''}`,
      "working time is counted in days, hours or minutes: '3 working days', '4 working hours', '30 working minutes'",
    );
  }
  if (!NUMBER.test(amount)) {
    return fail(`'${original}' does not start with a number`, `write e.g. '3 working ${unitWord}'`);
  }
  const value = Number(amount);
  if (unit === 'day' || unit === 'days') {
    if (!Number.isInteger(value)) {
      return fail(
        `'${original}' is not a whole number of working days`,
        "working days are counted whole; for part of a day use working hours, e.g. '4 working hours'",
      );
    }
    return succeed({ kind: 'workingDays', days: value });
  }
  const minutes = unit === 'minute' || unit === 'minutes' ? value : value * 60;
  const whole = Math.round(minutes);
  // 1.1 * 60 is 66.00000000000001 in floating point: that is still a whole number of minutes.
  if (Math.abs(minutes - whole) > 1e-6) {
    return fail(
      `'${original}' is not a whole number of working minutes`,
      `round it to whole minutes, e.g. '${Math.floor(minutes)} working minutes'`,
    );
  }
  return succeed({ kind: 'workingMinutes', minutes: whole });
}

function parseCompactDuration(original: string, normalized: string): ParseResult<Duration> {
  // "3 days", "48 hours": spelled-out units could mean wall or working time, so ask which.
  const spelled = /^(\d+(?:\.\d+)?) ([a-z]{2,})$/.exec(normalized);
  const unit = spelled ? suggestClosest(spelled[2] ?? '', SPELLED_UNITS) : undefined;
  if (spelled && unit) {
    const mistyped = unit === spelled[2] ? '' : ` (did you mean '${unit}'?)`;
    return fail(
      `'${original}' spells out its unit${mistyped}; say whether it is wall-clock or working time`,
      `write '${spelled[1]}${unit.charAt(0)}' for wall-clock time (nights and weekends included) or '${spelled[1]} working ${unit}' for working time`,
    );
  }
  const compact = normalized.replace(/ /g, '');
  const tokens = [...compact.matchAll(/(\d+(?:\.\d+)?)([a-z]+)/g)];
  if (tokens.length === 0 || tokens.map((t) => t[0]).join('') !== compact) {
    return fail(`'${original}' is not a duration`, DURATION_FORMS_HINT);
  }
  let ms = 0;
  let lastRank = -1;
  for (const [token, amount = '', unitText = ''] of tokens) {
    const unit = unitText as WallUnit;
    const rank = WALL_UNITS.indexOf(unit);
    if (rank < 0) return refuseWallUnit(original, unitText);
    if (rank <= lastRank) {
      return fail(
        `'${original}' repeats a unit or lists it out of order at '${token}'`,
        "write each unit once, largest first: w, d, h, m, s (e.g. '1d4h', '1h30m')",
      );
    }
    lastRank = rank;
    if (amount.includes('.')) {
      const exact = Math.round(Number(amount) * WALL_UNIT_MS[unit]);
      return fail(
        `'${original}' has a decimal number in '${token}'; compact durations use whole numbers`,
        `write '${formatWallMs(exact)}' instead`,
      );
    }
    ms += Number(amount) * WALL_UNIT_MS[unit];
  }
  return succeed({ kind: 'wall', ms });
}

function refuseWallUnit(original: string, unit: string): ParseResult<Duration> {
  if (unit === 'y' || unit === 'yr' || unit === 'yrs' || unit === 'year' || unit === 'years') {
    return fail(
      `'${original}' uses years, which have no fixed length (365 or 366 days)`,
      "write the number of days instead, e.g. '365d'",
    );
  }
  if (unit === 'mo' || unit === 'mon' || unit === 'month' || unit === 'months') {
    return fail(
      `'${original}' uses months, which have no fixed length (28 to 31 days)`,
      "write the number of days instead, e.g. '30d'",
    );
  }
  if (unit === 'ms') {
    return fail(
      `'${original}' uses milliseconds, which are too fine for an SOP`,
      "write seconds, e.g. '45s'",
    );
  }
  // Any one letter is one edit from every unit letter, so only longer words get a suggestion.
  const guess =
    unit.length > 1 ? suggestClosest(unit, ['wk', 'week', 'day', 'hr', 'hour', 'min', 'sec']) : undefined;
  const wanted = guess ? ` (did you mean '${guess.charAt(0)}'?)` : '';
  return fail(
    `'${original}' has an unknown unit '${unit}'${wanted}; compact units are w, d, h, m, s`,
    DURATION_FORMS_HINT,
  );
}

function checkLimit(original: string, result: ParseResult<Duration>): ParseResult<Duration> {
  if (!result.ok) return result;
  const d = result.value;
  const days =
    d.kind === 'wall' ? d.ms / MS_PER_DAY : d.kind === 'workingDays' ? d.days : d.minutes / (24 * 60);
  if (days > MAX_DURATION_DAYS) {
    return fail(
      `'${original.trim()}' is longer than ${MAX_DURATION_DAYS} days (about ten years)`,
      'check the number for a typo; SOP deadlines and reminders are far shorter',
    );
  }
  return result;
}
