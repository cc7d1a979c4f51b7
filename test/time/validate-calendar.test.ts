import { findCalendarProblems, validateCalendar } from '../../engine/time';
import { cnMainland } from './calendar-fixtures';

const base = {
  id: 'test-office',
  name: 'Test office',
  timeZone: 'Asia/Shanghai',
  workingHours: { 1: ['09:00-12:00', '13:30-18:00'], 5: ['09:00-12:00'] },
  holidays: [{ date: '2026-01-01', name: '元旦' }],
  workdays: [{ date: '2026-01-04', name: '元旦调休上班' }],
};

describe('validateCalendar', () => {
  it('accepts the shipped calendar and a small sound one', () => {
    expect(validateCalendar(cnMainland)).toEqual([]);
    expect(validateCalendar(base)).toEqual([]);
  });

  it('reports bad HH:MM ranges', () => {
    const problems = validateCalendar({
      ...base,
      workingHours: { 1: ['9:00-12:00', '18:00-09:00', '12:00-24:30', 7] },
    });
    expect(problems).toEqual([
      "workingHours.1[0] '9:00-12:00' is not a range HH:MM-HH:MM with the end after the start; write e.g. '09:00-12:00' (two-digit hours, the end at most '24:00')",
      "workingHours.1[1] '18:00-09:00' is not a range HH:MM-HH:MM with the end after the start; write e.g. '09:00-12:00' (two-digit hours, the end at most '24:00')",
      "workingHours.1[2] '12:00-24:30' is not a range HH:MM-HH:MM with the end after the start; write e.g. '09:00-12:00' (two-digit hours, the end at most '24:00')",
      "workingHours.1[3] 7 is not a range HH:MM-HH:MM with the end after the start; write e.g. '09:00-12:00' (two-digit hours, the end at most '24:00')",
    ]);
    expect(validateCalendar({ ...base, workingHours: { 1: [] } })).toEqual([
      "workingHours.1 must be a non-empty list of ranges such as ['09:00-12:00', '13:30-18:00']",
    ]);
  });

  it('reports overlapping ranges, in any order', () => {
    expect(validateCalendar({ ...base, workingHours: { 1: ['13:00-18:00', '09:00-13:30'] } })).toEqual([
      "workingHours.1: '09:00-13:30' and '13:00-18:00' overlap; working-hour ranges of one day must not overlap",
    ]);
    // Touching ranges do not overlap.
    expect(validateCalendar({ ...base, workingHours: { 1: ['09:00-12:00', '12:00-13:00'] } })).toEqual([]);
  });

  it('reports weekday keys that are names instead of numbers', () => {
    expect(
      validateCalendar({ ...base, workingHours: { monday: ['09:00-18:00'], 1: ['09:00-18:00'] } }),
    ).toEqual(["workingHours has an unknown weekday 'monday'; write 1 for monday"]);
  });

  it('reports bad and duplicate dates', () => {
    expect(
      validateCalendar({
        ...base,
        holidays: [
          { date: '2026-02-30', name: '春节' },
          { date: '2026-1-2', name: '元旦' },
          { date: '2026-01-01', name: '元旦' },
          { date: '2026-01-01', name: '元旦' },
          { date: '2026-01-02' },
        ],
      }),
    ).toEqual([
      "holidays[0].date '2026-02-30' is not a real date written YYYY-MM-DD, e.g. '2026-10-01'",
      "holidays[1].date '2026-1-2' is not a real date written YYYY-MM-DD, e.g. '2026-10-01'",
      "holidays[3].date '2026-01-01' is listed twice in holidays",
      "holidays[4] needs a name, e.g. '春节'",
    ]);
  });

  it('reports a date that is both a holiday and a make-up working day', () => {
    const problems = validateCalendar({
      ...base,
      workdays: [{ date: '2026-01-01', name: 'oops', hours: ['09:00-12:00'] }],
    });
    expect(problems).toEqual([
      "workdays[0].date '2026-01-01' is both a holiday and a make-up working day; remove it from one of the lists",
    ]);
  });

  it('reports a make-up day on a usual working day and one with no hours to borrow', () => {
    expect(validateCalendar({ ...base, workdays: [{ date: '2026-01-05', name: 'Monday?' }] })).toEqual([
      "workdays[0].date '2026-01-05' is a monday, already a working day; a make-up working day (调休) falls on a usual day off — check the date",
    ]);
    expect(validateCalendar({ ...base, workingHours: { 2: ['09:00-18:00'] } })).toEqual([
      "workdays[0] has no hours and the calendar has no Monday hours to use instead; give it hours: ['09:00-18:00']",
    ]);
  });

  it('reports an unknown zone with a suggestion', () => {
    expect(validateCalendar({ ...base, timeZone: 'Asia/Shangai' })).toEqual([
      "timeZone 'Asia/Shangai' is not a known IANA time zone (Area/City); did you mean 'Asia/Shanghai'?",
    ]);
    expect(validateCalendar({ ...base, timeZone: 'CST' })).toEqual([
      "timeZone 'CST' is not a known IANA time zone (Area/City); write e.g. 'Asia/Shanghai' or 'America/New_York'",
    ]);
  });

  it('reports missing and unknown fields and a non-mapping', () => {
    expect(validateCalendar({ id: 'Bad Id', holiday: [] })).toEqual([
      "unknown field 'holiday'; did you mean 'holidays'?",
      "id 'Bad Id' must be kebab-case, e.g. 'cn-mainland'",
      'name must be a non-empty text',
      "timeZone is missing; write an IANA zone such as 'Asia/Shanghai'",
      "workingHours must map ISO weekdays (1 = Monday … 7 = Sunday) to ranges, e.g. 1: ['09:00-18:00']",
      'holidays must be a list of { date: YYYY-MM-DD, name } entries (an empty list [] is fine)',
      'workdays must be a list of { date: YYYY-MM-DD, name } entries (an empty list [] is fine)',
    ]);
    expect(validateCalendar('cn-mainland')).toEqual([
      'a calendar must be a mapping with id, name, timeZone, workingHours, holidays and workdays',
    ]);
  });

  it('gives the path of each problem for the file loader', () => {
    expect(findCalendarProblems({ ...base, holidays: [{ date: '2026-02-30', name: '春节' }] })).toEqual([
      {
        path: ['holidays', 0, 'date'],
        message: "holidays[0].date '2026-02-30' is not a real date written YYYY-MM-DD, e.g. '2026-10-01'",
      },
    ]);
  });
});
