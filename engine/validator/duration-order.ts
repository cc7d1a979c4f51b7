import { parseDuration, type Duration } from '../time';

/**
 * Compares two durations when that is possible without a calendar: both wall time, or both
 * the same kind of working time, or either zero. Returns negative, zero or positive like a
 * sort comparator, or undefined when they cannot be compared (e.g. `1 business days` vs `8h`).
 *
 * @example
 * ```ts
 * compareDurations('4h', '24h'); // negative
 * compareDurations('1 business days', '8h'); // undefined
 * ```
 */
export function compareDurations(a: string, b: string): number | undefined {
  const left = parseDuration(a);
  const right = parseDuration(b);
  if (!left.ok || !right.ok) return undefined;
  const x = magnitude(left.value);
  const y = magnitude(right.value);
  if (x === 0 || y === 0) return x - y;
  return left.value.kind === right.value.kind ? x - y : undefined;
}

function magnitude(duration: Duration): number {
  switch (duration.kind) {
    case 'wall':
      return duration.ms;
    case 'workingDays':
      return duration.days;
    case 'workingMinutes':
      return duration.minutes;
  }
}
