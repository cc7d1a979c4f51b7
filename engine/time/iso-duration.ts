/**
 * ISO 8601 durations (`PT48H`, `P3D`, `P1W`, `P1DT2H`) as wall time. Years and months are
 * refused: their length depends on the calendar, and a deadline must mean one exact span.
 */
import type { Duration } from './duration';
import { fail, succeed, type ParseResult } from './parse-result';

const ISO_HINT = "write ISO 8601 durations as 'PT48H', 'PT30M', 'P3D', 'P1W' or 'P1DT2H'";

// Designators in the order ISO 8601 requires them; the time part starts after 'T'.
const DATE_PART =
  /^(?:(\d+(?:[.,]\d+)?)y)?(?:(\d+(?:[.,]\d+)?)m)?(?:(\d+(?:[.,]\d+)?)w)?(?:(\d+(?:[.,]\d+)?)d)?$/;
const TIME_PART = /^(?:(\d+(?:[.,]\d+)?)h)?(?:(\d+(?:[.,]\d+)?)m)?(?:(\d+(?:[.,]\d+)?)s)?$/;

const MS = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;

/**
 * Parses a lower-cased ISO 8601 duration (`p3d`, `pt1h30m`) into wall time. `original` is the
 * author's text, quoted in errors. Only the last component may have a fraction (`PT1.5H`), as
 * ISO 8601 says.
 *
 * @example
 * parseIsoDuration('p1dt2h', 'P1DT2H'); // { ok: true, value: { kind: 'wall', ms: 93_600_000 } }
 */
export function parseIsoDuration(lower: string, original: string): ParseResult<Duration> {
  const [datePart = '', timePart, ...rest] = lower.slice(1).split('t');
  const date = DATE_PART.exec(datePart);
  const time = timePart === undefined ? [] : TIME_PART.exec(timePart);
  if (!date || !time || rest.length > 0) {
    return fail(`'${original}' is not an ISO 8601 duration`, ISO_HINT);
  }
  const [, years, months, weeks, days] = date;
  const [, hours, minutes, seconds] = time;
  if (years !== undefined || months !== undefined) {
    const unit = years !== undefined ? 'years' : 'months';
    const approx = years !== undefined ? `P${Number(years) * 365}D` : `P${Number(months) * 30}D`;
    return fail(
      `'${original}' uses ${unit}, which have no fixed length, so a deadline would be ambiguous`,
      `write the number of days instead, e.g. '${approx}'`,
    );
  }
  const components: [string | undefined, number][] = [
    [weeks, MS.w],
    [days, MS.d],
    [hours, MS.h],
    [minutes, MS.m],
    [seconds, MS.s],
  ];
  const present = components.filter(([amount]) => amount !== undefined);
  if (timePart === '' && present.length > 0) {
    return fail(
      `'${original}' ends with 'T' but has no hours, minutes or seconds after it`,
      `drop the 'T': '${original.slice(0, -1)}'`,
    );
  }
  if (present.length === 0) {
    return fail(`'${original}' has no amount after '${timePart === undefined ? 'P' : 'T'}'`, ISO_HINT);
  }
  let ms = 0;
  for (const [index, [amount = '0', unitMs]] of present.entries()) {
    const value = Number(amount.replace(',', '.'));
    if (!Number.isInteger(value) && index < present.length - 1) {
      return fail(
        `'${original}' has a fraction before its last component`,
        'only the last component may have a fraction, e.g. PT1H30.5M',
      );
    }
    ms += value * unitMs;
  }
  ms = Math.round(ms);
  return succeed({ kind: 'wall', ms });
}
