import type { BusinessCalendar } from '../../../engine/model/calendar';
import { buildSop, problemsOf, summarize } from '../support/build-sop';

const calendars = new Map<string, BusinessCalendar>([
  [
    'cn-mainland',
    {
      id: 'cn-mainland',
      name: 'CN',
      timeZone: 'Asia/Shanghai',
      workingHours: { '1': ['09:00-18:00'] },
      holidays: [],
      workdays: [],
    },
  ],
]);

describe('checkTimeValues', () => {
  it('reports every duration that does not parse, naming where it is', () => {
    const sop = buildSop();
    sop.steps.request.deadline = '2 dayz';
    sop.steps.request.reminders = [{ before: 'soon', notify: ['pm'] }];
    sop.steps.request.escalation = [{ after: '-1h', notify: ['pm'] }];
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual([
      'INVALID_DURATION /steps/request/deadline',
      'INVALID_DURATION /steps/request/escalation/0/after',
      'INVALID_DURATION /steps/request/reminders/0/before',
    ]);
    expect(problems[0]?.message).toMatch(/^'deadline' of step 'request': '2 dayz'/);
    expect(problems[0]?.hint).toBeTruthy();
  });

  it('checks deadline `before` and wait `until`', () => {
    const sop = buildSop();
    sop.steps.request.deadline = { at: 'input.launchDate', before: 'two days' };
    sop.steps.request.next = 'pause';
    sop.steps.pause = { kind: 'wait', until: '3 weeks', next: 'done' };
    expect(summarize(problemsOf(sop))).toEqual([
      'INVALID_DURATION /steps/request/deadline/before',
      'INVALID_DURATION /steps/pause/until',
    ]);
  });

  it('reports recurrences that do not parse', () => {
    const sop = buildSop();
    sop.steps.request.recurring = [{ id: 'weekly', every: 'every firday at 17:00', notify: ['pm'] }];
    sop.steps.request.reminders = [{ every: 'daily', notify: ['pm'] }];
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual([
      'INVALID_RECURRENCE /steps/request/recurring/0/every',
      'INVALID_RECURRENCE /steps/request/reminders/0/every',
    ]);
    expect(problems[0]?.message).toContain("did you mean 'friday'?");
  });

  it('reports a time zone that is not an IANA zone, with a suggestion when close', () => {
    const sop = buildSop();
    sop.timeZone = 'Asia/Shangai';
    expect(problemsOf(sop)).toMatchObject([
      { code: 'INVALID_TIME_ZONE', hint: "did you mean 'Asia/Shanghai'?" },
    ]);
    sop.timeZone = 'CST';
    expect(problemsOf(sop)[0]?.hint).toContain('not an offset');
  });

  it('asks for a calendar once when working time is used without one', () => {
    const sop = buildSop();
    sop.steps.request.deadline = '2 business days';
    sop.steps.request.reminders = [{ every: 'every working day at 10:00', notify: ['pm'] }];
    const problems = problemsOf(sop, { calendars });
    expect(summarize(problems)).toEqual(['CALENDAR_REQUIRED /steps/request/deadline']);
    expect(problems[0]?.message).toContain('(1 more working-time value too)');
    expect(problems[0]?.hint).toContain("add 'calendar: cn-mainland'");
  });

  it('reports an unknown calendar only when the calendars are known', () => {
    const sop = buildSop();
    sop.calendar = 'cn-mainlnd';
    expect(problemsOf(sop)).toEqual([]);
    expect(problemsOf(sop, { calendars })).toMatchObject([
      { code: 'UNKNOWN_CALENDAR', path: '/calendar', hint: "did you mean 'cn-mainland'?" },
    ]);
  });
});
