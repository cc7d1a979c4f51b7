import { buildSop, problemsOf, summarize } from '../support/build-sop';

describe('checkEscalationActions', () => {
  it('accepts submit on a form step and approve/reject on an approval', () => {
    const sop = buildSop();
    sop.steps.request.escalation.push({ after: '24h', action: 'submit' });
    sop.steps.request.next = 'review';
    sop.steps.review = {
      kind: 'approval',
      assignee: 'pm',
      deadline: '1h',
      escalation: [
        { after: '0h', action: 'approve' },
        { after: '1h', action: 'reject' },
      ],
      onApprove: 'done',
      onReject: 'done',
    };
    expect(problemsOf(sop)).toEqual([]);
  });

  it('reports an action the step does not accept, with the accepted ones', () => {
    const sop = buildSop();
    sop.steps.request.escalation.push({ after: '24h', action: 'approve' });
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual(['INVALID_ESCALATION_ACTION /steps/request/escalation/1/action']);
    expect(problems[0]?.hint).toBe("the accepted actions are: submit; or use 'notify', 'reassign' or 'goto'");
  });

  it('accepts no action at all on a tasks step, step level or task level', () => {
    const sop = buildSop();
    sop.steps.request.next = 'work';
    sop.steps.work = {
      kind: 'tasks',
      assignee: 'pm',
      deadline: '5d',
      escalation: [{ after: '0h', action: 'submit' }],
      taskDefaults: { escalation: [{ after: '0h', action: 'done' }] },
      next: 'done',
    };
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual([
      'INVALID_ESCALATION_ACTION /steps/work/escalation/0/action',
      'INVALID_ESCALATION_ACTION /steps/work/taskDefaults/escalation/0/action',
    ]);
    expect(problems[0]?.message).toContain('a tasks step accepts no automatic action');
  });
});
