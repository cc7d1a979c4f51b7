import fc from 'fast-check';
import { formatDuration, parseDuration, type Duration } from '../../engine/time';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

function parsed(text: string): Duration {
  const result = parseDuration(text);
  if (!result.ok) throw new Error(`expected '${text}' to parse, got: ${result.message}`);
  return result.value;
}

function refused(text: string): { message: string; hint: string } {
  const result = parseDuration(text);
  if (result.ok) throw new Error(`expected '${text}' to be refused, got ${JSON.stringify(result.value)}`);
  return { message: result.message, hint: result.hint };
}

describe('parseDuration: wall time', () => {
  it.each([
    ['48h', 48 * HOUR],
    ['30m', 30 * MINUTE],
    ['2d', 2 * DAY],
    ['1w', 7 * DAY],
    ['1h30m', 90 * MINUTE],
    ['1d4h', 28 * HOUR],
    ['1h 30m', 90 * MINUTE],
    ['45s', 45_000],
    ['0h', 0],
    ['PT48H', 48 * HOUR],
    ['P3D', 3 * DAY],
    ['P1W', 7 * DAY],
    ['P1DT2H', 26 * HOUR],
    ['PT30M', 30 * MINUTE],
    ['PT1H30M15S', 90 * MINUTE + 15_000],
    ['PT1.5H', 90 * MINUTE],
    ['pt48h', 48 * HOUR],
    ['  48H  ', 48 * HOUR],
  ])('%s is %d ms of wall time', (text, ms) => {
    expect(parsed(text)).toEqual({ kind: 'wall', ms });
  });
});

describe('parseDuration: working time', () => {
  it.each([
    ['3 business days', { kind: 'workingDays', days: 3 }],
    ['1 business day', { kind: 'workingDays', days: 1 }],
    ['1 business days', { kind: 'workingDays', days: 1 }],
    ['2 working days', { kind: 'workingDays', days: 2 }],
    ['2  Working   Days ', { kind: 'workingDays', days: 2 }],
    ['4 working hours', { kind: 'workingMinutes', minutes: 240 }],
    ['4 business hours', { kind: 'workingMinutes', minutes: 240 }],
    ['1 working hour', { kind: 'workingMinutes', minutes: 60 }],
    ['1.5 working hours', { kind: 'workingMinutes', minutes: 90 }],
    ['1.1 working hours', { kind: 'workingMinutes', minutes: 66 }],
    ['30 working minutes', { kind: 'workingMinutes', minutes: 30 }],
    ['1 working minute', { kind: 'workingMinutes', minutes: 1 }],
    ['0 working days', { kind: 'workingDays', days: 0 }],
  ])('%s', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });
});

describe('parseDuration: refused forms say what is wrong and what to write', () => {
  it('refuses months and years as ambiguous and suggests days', () => {
    expect(refused('P1M')).toEqual({
      message: "'P1M' uses months, which have no fixed length, so a deadline would be ambiguous",
      hint: "write the number of days instead, e.g. 'P30D'",
    });
    expect(refused('P2Y').hint).toBe("write the number of days instead, e.g. 'P730D'");
    expect(refused('P1Y2M').message).toContain('years');
    expect(refused('1y').message).toBe("'1y' uses years, which have no fixed length (365 or 366 days)");
    expect(refused('2mo').hint).toContain("'30d'");
  });

  it('lists the accepted forms for text that is no duration at all', () => {
    const { message, hint } = refused('soon');
    expect(message).toBe("'soon' is not a duration");
    for (const form of [
      "'48h'",
      "'1h30m'",
      "'PT48H'",
      "'3 business days'",
      "'4 working hours'",
      "'30 working minutes'",
    ]) {
      expect(hint).toContain(form);
    }
  });

  it('asks whether a spelled-out unit means wall or working time', () => {
    expect(refused('3 days')).toEqual({
      message: "'3 days' spells out its unit; say whether it is wall-clock or working time",
      hint: "write '3d' for wall-clock time (nights and weekends included) or '3 working days' for working time",
    });
    expect(refused('2 dayz').message).toBe(
      "'2 dayz' spells out its unit (did you mean 'days'?); say whether it is wall-clock or working time",
    );
  });

  it('suggests the compact spelling of a decimal wall duration', () => {
    expect(refused('1.5h')).toEqual({
      message: "'1.5h' has a decimal number in '1.5h'; compact durations use whole numbers",
      hint: "write '1h30m' instead",
    });
  });

  it('refuses units out of order, unknown units and negative durations', () => {
    expect(refused('30m1h').message).toBe("'30m1h' repeats a unit or lists it out of order at '1h'");
    expect(refused('1h1h').hint).toContain('largest first');
    expect(refused('3x').message).toBe("'3x' has an unknown unit 'x'; compact units are w, d, h, m, s");
    expect(refused('2hr').message).toContain("did you mean 'h'?");
    expect(refused('500ms').hint).toBe("write seconds, e.g. '45s'");
    expect(refused('-1h').message).toBe("'-1h' is negative; a duration counts forward in time");
    expect(refused('   ').message).toBe('the duration is empty');
  });

  it('refuses broken ISO 8601 durations', () => {
    expect(refused('P').message).toBe("'P' has no amount after 'P'");
    expect(refused('PT').message).toBe("'PT' has no amount after 'T'");
    expect(refused('P1DT')).toEqual({
      message: "'P1DT' ends with 'T' but has no hours, minutes or seconds after it",
      hint: "drop the 'T': 'P1D'",
    });
    expect(refused('P1H').message).toBe("'P1H' is not an ISO 8601 duration");
    expect(refused('PT1.5H30M').message).toBe("'PT1.5H30M' has a fraction before its last component");
  });

  it('refuses working time that is not whole', () => {
    expect(refused('1.5 working days')).toEqual({
      message: "'1.5 working days' is not a whole number of working days",
      hint: "working days are counted whole; for part of a day use working hours, e.g. '4 working hours'",
    });
    expect(refused('1.01 working hours').message).toBe(
      "'1.01 working hours' is not a whole number of working minutes",
    );
    expect(refused('2.5 working minutes').hint).toBe("round it to whole minutes, e.g. '2 working minutes'");
  });

  it('refuses unknown working units and missing numbers', () => {
    expect(refused('3 business dys').message).toBe(
      "'3 business dys' has an unknown working-time unit 'dys'; did you mean 'days'?",
    );
    expect(refused('3 working weeks').hint).toContain("'3 working days'");
    expect(refused('three working days').message).toBe("'three working days' does not start with a number");
  });

  it('refuses absurdly long durations as likely typos', () => {
    expect(refused('99999d').message).toBe("'99999d' is longer than 3660 days (about ten years)");
    expect(refused('5000 working days').message).toContain('longer than 3660 days');
    expect(parsed('3660d')).toEqual({ kind: 'wall', ms: 3660 * DAY });
  });
});

describe('formatDuration', () => {
  it.each([
    [{ kind: 'wall', ms: 48 * HOUR }, '48h'],
    [{ kind: 'wall', ms: 7 * DAY }, '168h'],
    [{ kind: 'wall', ms: 90 * MINUTE + 5000 }, '1h30m5s'],
    [{ kind: 'wall', ms: 0 }, '0h'],
    [{ kind: 'wall', ms: 1500 }, 'PT1.5S'],
    [{ kind: 'workingDays', days: 3 }, '3 working days'],
    [{ kind: 'workingDays', days: 1 }, '1 working day'],
    [{ kind: 'workingMinutes', minutes: 240 }, '4 working hours'],
    [{ kind: 'workingMinutes', minutes: 60 }, '1 working hour'],
    [{ kind: 'workingMinutes', minutes: 90 }, '90 working minutes'],
    [{ kind: 'workingMinutes', minutes: 0 }, '0 working minutes'],
  ] as [Duration, string][])('%j is %s', (duration, text) => {
    expect(formatDuration(duration)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    const duration: fc.Arbitrary<Duration> = fc.oneof(
      fc.integer({ min: 0, max: 3660 * 24 * 3600 }).map((s) => ({ kind: 'wall' as const, ms: s * 1000 })),
      fc.integer({ min: 0, max: 3660 }).map((days) => ({ kind: 'workingDays' as const, days })),
      fc.integer({ min: 0, max: 100_000 }).map((minutes) => ({ kind: 'workingMinutes' as const, minutes })),
    );
    fc.assert(
      fc.property(duration, (d) => {
        expect(parseDuration(formatDuration(d))).toEqual({ ok: true, value: d });
      }),
    );
  });
});
