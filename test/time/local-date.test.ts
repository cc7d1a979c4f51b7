import {
  addDaysToDate,
  atLocalTime,
  formatTimeOfDay,
  isIsoDate,
  parseTimeOfDay,
  parseTimeRange,
  toLocalDate,
  toLocalTime,
  weekdayOf,
} from '../../engine/time';

describe('local dates', () => {
  it('reads the local date and time of an instant in a zone', () => {
    const instant = Date.parse('2026-01-01T20:30:00Z');
    expect(toLocalDate(instant, 'Asia/Shanghai')).toBe('2026-01-02');
    expect(toLocalDate(instant, 'America/New_York')).toBe('2026-01-01');
    expect(toLocalTime(instant, 'Asia/Shanghai')).toEqual({ hour: 4, minute: 30, second: 0, millisecond: 0 });
  });

  it('steps dates across month, year and daylight-saving boundaries', () => {
    expect(addDaysToDate('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDaysToDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToDate('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDaysToDate('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('knows weekdays and real dates', () => {
    expect(weekdayOf('2026-01-01')).toBe(4);
    expect(weekdayOf('2026-01-04')).toBe(7);
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-28')).toBe(false);
    expect(isIsoDate('20260228')).toBe(false);
  });

  it('resolves local times skipped or repeated by daylight-saving changes', () => {
    const time = { hour: 2, minute: 30, second: 0, millisecond: 0 };
    // Skipped: the clock jumps 02:00 → 03:00, so 02:30 happens at 03:30.
    expect(atLocalTime('2026-03-08', time, 'America/New_York')).toBe(Date.parse('2026-03-08T03:30:00-04:00'));
    // Repeated: 01:30 happens twice; the first (still daylight time) is meant.
    expect(atLocalTime('2026-11-01', { ...time, hour: 1 }, 'America/New_York')).toBe(
      Date.parse('2026-11-01T01:30:00-04:00'),
    );
  });
});

describe('clock times and ranges', () => {
  it('parses HH:MM strictly, H:MM only when loose', () => {
    expect(parseTimeOfDay('09:30')).toBe(570);
    expect(parseTimeOfDay('00:00')).toBe(0);
    expect(parseTimeOfDay('23:59')).toBe(1439);
    expect(parseTimeOfDay('9:30')).toBeUndefined();
    expect(parseTimeOfDay('9:30', { loose: true })).toBe(570);
    expect(parseTimeOfDay('24:00')).toBeUndefined();
    expect(parseTimeOfDay('12:60')).toBeUndefined();
  });

  it('parses ranges that end after they start, up to 24:00', () => {
    expect(parseTimeRange('13:30-18:00')).toEqual({ start: 810, end: 1080 });
    expect(parseTimeRange('22:00-24:00')).toEqual({ start: 1320, end: 1440 });
    expect(parseTimeRange('18:00-09:00')).toBeUndefined();
    expect(parseTimeRange('09:00-09:00')).toBeUndefined();
    expect(parseTimeRange('09:00 to 12:00')).toBeUndefined();
  });

  it('formats minutes as HH:MM', () => {
    expect(formatTimeOfDay(570)).toBe('09:30');
    expect(formatTimeOfDay(0)).toBe('00:00');
  });
});
