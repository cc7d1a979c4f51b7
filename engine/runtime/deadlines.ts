import { DateTime } from 'luxon';
import type { CompiledSop } from '../model/compiled';
import type { DeadlineSpec } from '../model/sop';
import { addDuration, nextOccurrence, parseDuration, parseRecurrence } from '../time';
import type { Duration, Recurrence, TimeContext } from '../time';
import { readPath } from './participants';

/**
 * A delay long enough never to fire in a project's life, used when a deadline cannot be known
 * (an optional date field left empty): XState needs a number for every delayed event.
 */
export const NEVER_MS = 10 * 365 * 24 * 3600 * 1000;

/** The zone and calendar every deadline of this SOP is counted in. */
export function timeContextOf(compiled: CompiledSop): TimeContext {
  return compiled.calendar
    ? { timeZone: compiled.timeZone, calendar: compiled.calendar }
    : { timeZone: compiled.timeZone };
}

/** Parses a duration the validator has already accepted; a failure here is an engine bug. */
export function durationOf(text: string): Duration {
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new Error(`[INVALID_DURATION] '${text}': ${parsed.message}`);
  return parsed.value;
}

export function recurrenceOf(text: string): Recurrence {
  const parsed = parseRecurrence(text);
  if (!parsed.ok) throw new Error(`[INVALID_RECURRENCE] '${text}': ${parsed.message}`);
  return parsed.value;
}

/**
 * The instant a date or date-time value stands for. A bare date (`2026-12-31`) means "by the end
 * of that day" in the SOP's zone; a date-time without offset is read in the SOP's zone.
 */
export function instantOfDateValue(value: unknown, timeZone: string): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const parsed = DateTime.fromISO(value, { zone: timeZone, setZone: false });
  if (!parsed.isValid) return undefined;
  return dateOnly ? parsed.endOf('day').toMillis() + 1 : parsed.toMillis();
}

/**
 * Moves `endMs` back by `duration`: wall time exactly, working time to the latest instant from
 * which adding the duration does not pass `endMs` (found by bisection, to the minute).
 */
export function subtractDuration(endMs: number, duration: Duration, zone: TimeContext): number {
  if (duration.kind === 'wall') return endMs - duration.ms;
  const day = 24 * 3600 * 1000;
  const spanDays = duration.kind === 'workingDays' ? duration.days : Math.ceil(duration.minutes / 60);
  let low = endMs - (spanDays * 3 + 40) * day; // generous: weekends and long holidays
  let high = endMs;
  while (high - low > 60_000) {
    const mid = Math.floor((low + high) / 2);
    if (addDuration(mid, duration, zone) <= endMs) low = mid;
    else high = mid;
  }
  // The true boundary is usually a whole minute (a working period's end): prefer it.
  const wholeMinute = Math.ceil(low / 60_000) * 60_000;
  return addDuration(wholeMinute, duration, zone) <= endMs ? wholeMinute : low;
}

/**
 * When work that started at `startMs` is due, or `undefined` when the SOP points at a date field
 * the project does not have.
 */
export function computeDueAt(
  spec: DeadlineSpec,
  startMs: number,
  variables: Readonly<Record<string, unknown>>,
  zone: TimeContext,
): number | undefined {
  if (typeof spec === 'string') return addDuration(startMs, durationOf(spec), zone);
  const at = instantOfDateValue(readPath(variables, spec.at), zone.timeZone);
  if (at === undefined) return undefined;
  return spec.before ? subtractDuration(at, durationOf(spec.before), zone) : at;
}

/** The next time a recurring reminder or obligation fires after `afterMs`. */
export function nextRecurrenceAt(text: string, afterMs: number, zone: TimeContext): number {
  return nextOccurrence(afterMs, recurrenceOf(text), zone);
}

/** `dueAt` shifted by an escalation rung's `after` (overdue by …). */
export function rungAt(dueAt: number, after: string, zone: TimeContext): number {
  return addDuration(dueAt, durationOf(after), zone);
}
