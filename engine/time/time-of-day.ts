/**
 * Clock times (`09:30`) and working-hour ranges (`09:00-12:00`) as minutes since local midnight.
 */

/** Minutes in a day; also the end of a range written `…-24:00`. */
export const MINUTES_PER_DAY = 24 * 60;

/** A half-open range of local clock time, [start, end), in minutes since midnight. */
export interface MinuteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Minutes since midnight for `HH:MM` (00:00–23:59), or undefined when the text is not a clock
 * time. `loose` also accepts a one-digit hour (`9:00`), as people write it in recurrences.
 *
 * @example
 * parseTimeOfDay('09:30'); // 570
 * parseTimeOfDay('9:30', { loose: true }); // 570
 * parseTimeOfDay('24:00'); // undefined
 */
export function parseTimeOfDay(text: string, options: { loose?: boolean } = {}): number | undefined {
  const match = (options.loose ? /^(\d{1,2}):(\d{2})$/ : /^(\d{2}):(\d{2})$/).exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
}

/**
 * Parses a working-hours range `HH:MM-HH:MM` whose end is after its start; the end may be
 * `24:00` (midnight at the end of the day). Undefined when the text is not such a range.
 *
 * @example
 * parseTimeRange('13:30-18:00'); // { start: 810, end: 1080 }
 * parseTimeRange('18:00-09:00'); // undefined (ranges do not cross midnight)
 */
export function parseTimeRange(text: string): MinuteRange | undefined {
  const match = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const start = parseTimeOfDay(match[1] ?? '');
  const end = match[2] === '24:00' ? MINUTES_PER_DAY : parseTimeOfDay(match[2] ?? '');
  if (start === undefined || end === undefined || end <= start) return undefined;
  return { start, end };
}

/**
 * `HH:MM` for minutes since midnight.
 *
 * @example
 * formatTimeOfDay(570); // '09:30'
 */
export function formatTimeOfDay(minutes: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
