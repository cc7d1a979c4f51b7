import type { BusinessCalendar } from '../../engine/model/calendar';
import {
  findNextWorkingDay,
  isValidTimeZone,
  isWorkingDay,
  isWorkingTime,
  iterateWorkingPeriods,
  listWorkingPeriodsOn,
} from '../../engine/time';
import { cnMainland, shanghai } from './calendar-fixtures';

describe('isWorkingDay on the shipped calendar', () => {
  it.each([
    ['2026-01-05', true, 'a usual Monday'],
    ['2026-01-10', false, 'a usual Saturday'],
    ['2026-01-01', false, '元旦, a Thursday'],
    ['2026-01-04', true, 'Sunday made up for 元旦'],
    ['2026-02-14', true, 'Saturday made up for 春节'],
    ['2026-02-23', false, 'the last day of 春节, a Monday'],
    ['2026-02-28', true, 'Saturday made up for 春节'],
    ['2026-05-05', false, '劳动节, a Tuesday'],
    ['2026-05-09', true, 'Saturday made up for 劳动节'],
    ['2026-09-20', true, 'Sunday made up for 国庆节'],
    ['2026-10-07', false, '国庆节, a Wednesday'],
    ['2026-10-10', true, 'Saturday made up for 国庆节'],
  ])('%s is %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, cnMainland)).toBe(expected);
  });

  it('lists the 33 holiday dates of 2026 and none is a working day', () => {
    expect(cnMainland.holidays).toHaveLength(33);
    expect(cnMainland.holidays.filter((h) => isWorkingDay(h.date, cnMainland))).toEqual([]);
  });
});

describe('isWorkingTime', () => {
  it.each([
    ['2026-01-05T08:59', false],
    ['2026-01-05T09:00', true], // periods include their start …
    ['2026-01-05T11:59', true],
    ['2026-01-05T12:00', false], // … and exclude their end
    ['2026-01-05T13:29', false],
    ['2026-01-05T13:30', true],
    ['2026-01-05T17:59', true],
    ['2026-01-05T18:00', false],
    ['2026-01-10T10:00', false], // Saturday
    ['2026-01-04T10:00', true], // make-up Sunday with Monday hours
    ['2026-10-01T10:00', false], // 国庆节
  ])('%s → %s', (time, expected) => {
    expect(isWorkingTime(shanghai(time), cnMainland)).toBe(expected);
  });

  it('reads working hours in the calendar zone, whatever the instant', () => {
    // 02:00 UTC is 10:00 in Shanghai.
    expect(isWorkingTime(Date.parse('2026-01-05T02:00:00Z'), cnMainland)).toBe(true);
    expect(isWorkingTime(Date.parse('2026-01-05T10:00:00Z'), cnMainland)).toBe(false);
  });

  it('treats 24:00 as midnight ending the day', () => {
    const night: BusinessCalendar = {
      id: 'night',
      name: 'Night shift',
      timeZone: 'UTC',
      workingHours: { 1: ['22:00-24:00'], 2: ['00:00-06:00'] },
      holidays: [],
      workdays: [],
    };
    expect(listWorkingPeriodsOn('2026-01-05', night)).toEqual([
      { start: Date.parse('2026-01-05T22:00:00Z'), end: Date.parse('2026-01-06T00:00:00Z') },
    ]);
    expect(isWorkingTime(Date.parse('2026-01-05T23:59:00Z'), night)).toBe(true);
    expect(isWorkingTime(Date.parse('2026-01-06T00:00:00Z'), night)).toBe(true);
  });
});

describe('working periods', () => {
  it('lists the periods of a date in order', () => {
    expect(listWorkingPeriodsOn('2026-01-05', cnMainland)).toEqual([
      { start: shanghai('2026-01-05T09:00'), end: shanghai('2026-01-05T12:00') },
      { start: shanghai('2026-01-05T13:30'), end: shanghai('2026-01-05T18:00') },
    ]);
    expect(listWorkingPeriodsOn('2026-10-03', cnMainland)).toEqual([]);
  });

  it('iterates from the current period across holidays', () => {
    const periods = iterateWorkingPeriods(shanghai('2026-09-30T15:00'), cnMainland);
    const first = periods.next().value;
    const second = periods.next().value;
    expect(first).toEqual({ start: shanghai('2026-09-30T13:30'), end: shanghai('2026-09-30T18:00') });
    expect(second).toEqual({ start: shanghai('2026-10-08T09:00'), end: shanghai('2026-10-08T12:00') });
  });

  it('finds the next working day after a break', () => {
    expect(findNextWorkingDay('2026-09-30', cnMainland)).toBe('2026-10-08');
    expect(findNextWorkingDay('2026-02-13', cnMainland)).toBe('2026-02-14');
    expect(findNextWorkingDay('2026-02-14', cnMainland)).toBe('2026-02-24');
  });

  it('reports a broken range in a calendar that was never validated', () => {
    const broken: BusinessCalendar = { ...cnMainland, id: 'broken', workingHours: { 1: ['9-12'] } };
    expect(() => isWorkingDay('2026-01-05', broken)).toThrow(
      "[TIME_INVALID_CALENDAR] calendar 'broken': workingHours.1 '9-12' is not an HH:MM-HH:MM range; check it with validateCalendar",
    );
  });
});

describe('isValidTimeZone', () => {
  it.each([
    'Asia/Shanghai',
    'America/New_York',
    'Europe/London',
    'America/Argentina/Buenos_Aires',
    'UTC',
    'Etc/GMT+8',
  ])('%s is a zone', (tz) => expect(isValidTimeZone(tz)).toBe(true));

  it.each(['Asia/Shangai', 'Mars/Olympus', 'CST', 'EST', '+08:00', 'UTC+8', '', 'PRC'])('%s is not', (tz) =>
    expect(isValidTimeZone(tz)).toBe(false),
  );
});
