import { buildSop, problemsOf, summarize } from '../support/build-sop';

function tasksStep(extra: Record<string, unknown> = {}) {
  return { kind: 'tasks', assignee: 'pm', next: 'done', ...extra };
}

describe('checkDeadlines', () => {
  it('warns about a form or approval step without a deadline', () => {
    const sop = buildSop();
    delete sop.steps.request.deadline;
    delete sop.steps.request.escalation;
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual(['MISSING_DEADLINE /steps/request']);
    expect(problems[0]?.severity).toBe('warning');
  });

  it('warns about a deadline without escalation, at the deadline', () => {
    const sop = buildSop();
    delete sop.steps.request.escalation;
    expect(summarize(problemsOf(sop))).toEqual(['MISSING_ESCALATION /steps/request/deadline']);
  });

  it('reports escalation that can never fire, instead of a missing deadline', () => {
    const sop = buildSop();
    delete sop.steps.request.deadline;
    expect(summarize(problemsOf(sop))).toEqual(['TIMER_WITHOUT_DEADLINE /steps/request/escalation/0']);
    const reminders = buildSop();
    delete reminders.steps.request.deadline;
    delete reminders.steps.request.escalation;
    reminders.steps.request.reminders = [
      { every: 'every day at 09:00', notify: ['pm'] },
      { before: '2h', notify: ['pm'] },
    ];
    expect(summarize(problemsOf(reminders))).toEqual(['TIMER_WITHOUT_DEADLINE /steps/request/reminders/1']);
  });

  it('does not ask a tasks step for a deadline (each task has a due date), but wants task escalation', () => {
    const sop = buildSop();
    sop.steps.request.next = 'work';
    sop.steps.work = tasksStep();
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual(['MISSING_ESCALATION /steps/work']);
    expect(problems[0]?.message).toContain('the tasks of step');

    sop.steps.work = tasksStep({ taskDefaults: { priority: 'high' } });
    expect(summarize(problemsOf(sop))).toEqual(['MISSING_ESCALATION /steps/work/taskDefaults']);

    sop.steps.work = tasksStep({ taskDefaults: { escalation: [{ after: '0h', notify: ['task.owner'] }] } });
    expect(problemsOf(sop)).toEqual([]);
  });

  it('reports rungs out of order, including equal ones, when they can be compared', () => {
    const sop = buildSop();
    sop.steps.request.escalation = [
      { after: '0h', notify: ['pm'] },
      { after: '1d', notify: ['pm'] },
      { after: '12h', notify: ['pm'] },
      { after: '12h', notify: ['pm'] },
    ];
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual([
      'ESCALATION_ORDER /steps/request/escalation/2/after',
      'ESCALATION_ORDER /steps/request/escalation/3/after',
    ]);
    expect(problems[0]?.message).toBe(
      "escalation rung 3 of step 'request' fires after '12h', which is not later than rung 2 ('1d')",
    );
  });

  it('leaves wall time and working time uncompared (that needs the calendar)', () => {
    const sop = buildSop();
    sop.calendar = 'cn-mainland';
    sop.steps.request.escalation = [
      { after: '2 business days', notify: ['pm'] },
      { after: '8h', notify: ['pm'] },
    ];
    expect(problemsOf(sop)).toEqual([]);
  });

  it('warns about a reminder set further before the deadline than the deadline itself', () => {
    const sop = buildSop();
    sop.steps.request.reminders = [
      { before: '4h', notify: ['assignee'] },
      { before: '2d', notify: ['assignee'] },
    ];
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual(['REMINDER_TOO_EARLY /steps/request/reminders/1/before']);
    expect(problems[0]?.severity).toBe('warning');
  });

  it('checks the task-level clock of a tasks step too', () => {
    const sop = buildSop();
    sop.steps.request.next = 'work';
    sop.steps.work = tasksStep({
      taskDefaults: {
        deadline: '2d',
        reminders: [{ before: '3d', notify: ['task.owner'] }],
        escalation: [
          { after: '1d', notify: ['task.owner'] },
          { after: '0h', notify: ['task.leadHead'] },
        ],
      },
    });
    expect(summarize(problemsOf(sop))).toEqual([
      'REMINDER_TOO_EARLY /steps/work/taskDefaults/reminders/0/before',
      'ESCALATION_ORDER /steps/work/taskDefaults/escalation/1/after',
    ]);
  });
});
