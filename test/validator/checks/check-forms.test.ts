import { buildSop, problemsOf, summarize } from '../support/build-sop';

describe('checkForms', () => {
  it('reports a form step naming an undeclared form', () => {
    const sop = buildSop();
    sop.steps.request.form = 'requst';
    expect(problemsOf(sop)).toMatchObject([
      { code: 'UNKNOWN_FORM', path: '/steps/request/form', hint: "did you mean 'request'?" },
    ]);
  });

  it('requires tasksFrom and subject to name form steps', () => {
    const sop = buildSop();
    sop.steps.request.next = 'work';
    sop.steps.work = {
      kind: 'tasks',
      assignee: 'pm',
      tasksFrom: 'review',
      taskDefaults: { escalation: [{ after: '0h', notify: ['task.owner'] }] },
      next: 'review',
    };
    sop.steps.review = {
      kind: 'approval',
      assignee: 'pm',
      subject: 'nothing',
      deadline: '1h',
      escalation: [{ after: '0h', notify: ['pm'] }],
      onApprove: 'done',
      onReject: 'done',
    };
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual([
      'NOT_A_FORM_STEP /steps/work/tasksFrom',
      'NOT_A_FORM_STEP /steps/review/subject',
    ]);
    expect(problems[0]?.message).toBe(
      "'tasksFrom' of step 'work' names 'review', an approval step; it must name a form step, whose submission it reads",
    );
    expect(problems[1]?.message).toBe("'subject' of step 'review' names 'nothing', which is not a step");
  });

  it('checks the naming rule project field against the input', () => {
    const sop = buildSop();
    sop.steps.request.next = 'work';
    sop.steps.work = {
      kind: 'tasks',
      assignee: 'pm',
      naming: { pattern: '{project}-{module}', projectField: 'projectName' },
      taskDefaults: { escalation: [{ after: '0h', notify: ['task.owner'] }] },
      next: 'done',
    };
    expect(summarize(problemsOf(sop))).toEqual(['UNKNOWN_INPUT_FIELD /steps/work/naming/projectField']);
  });
});
