import { listStepEdges } from '../../engine/diagram/step-edges';

describe('listStepEdges', () => {
  it('labels a form step’s next with submit, once per department when asked', () => {
    expect(listStepEdges({ kind: 'form', assignee: 'pm', form: 'f', next: 'b' })).toEqual([
      { target: 'b', trigger: 'submit' },
    ]);
    expect(
      listStepEdges({
        kind: 'form',
        assignee: 'pm',
        form: 'f',
        next: 'b',
        respondents: { each: 'participatingDepartments' },
      }),
    ).toEqual([{ target: 'b', trigger: 'submit (every department)' }]);
  });

  it('labels tasks, approval and parallel moves', () => {
    expect(listStepEdges({ kind: 'tasks', assignee: 'pm', next: 'x' })).toEqual([
      { target: 'x', trigger: 'all tasks closed' },
    ]);
    expect(listStepEdges({ kind: 'approval', assignee: 'pm', onApprove: 'y', onReject: 'n' })).toEqual([
      { target: 'y', trigger: 'approve' },
      { target: 'n', trigger: 'reject' },
    ]);
    expect(listStepEdges({ kind: 'parallel', regions: {}, next: 'z' })).toEqual([
      { target: 'z', trigger: 'all regions done' },
    ]);
  });

  it('labels a wait step’s event and its timeout, to onTimeout when there is one', () => {
    expect(
      listStepEdges({ kind: 'wait', for: 'payment.received', until: '2d', next: 'paid', onTimeout: 'late' }),
    ).toEqual([
      { target: 'paid', trigger: 'payment.received' },
      { target: 'late', trigger: 'timeout (2d)' },
    ]);
    expect(listStepEdges({ kind: 'wait', until: { at: 'input.launchDate' }, next: 'go' })).toEqual([
      { target: 'go', trigger: 'timeout (input.launchDate)' },
    ]);
  });

  it('gives choice routes their guards and the fallback the word otherwise', () => {
    expect(
      listStepEdges({ kind: 'choice', routes: [{ when: 'input.big', target: 'cto' }], otherwise: 'head' }),
    ).toEqual([
      { target: 'cto', trigger: '', guard: 'input.big' },
      { target: 'head', trigger: 'otherwise' },
    ]);
  });

  it('lists on: transitions in every written form, then always:', () => {
    const edges = listStepEdges({
      kind: 'notify',
      notify: ['pm'],
      message: 'm',
      next: 'n',
      on: {
        cancel: 'cancelled',
        hold: { target: 'held', when: 'input.vip' },
        route: [{ target: 'a', when: 'x' }, { target: 'b' }],
      },
      always: [{ target: 'auto', when: 'input.skip' }, { target: 'fallback' }],
    });
    expect(edges).toEqual([
      { target: 'n', trigger: '' },
      { target: 'cancelled', trigger: 'cancel' },
      { target: 'held', trigger: 'hold', guard: 'input.vip' },
      { target: 'a', trigger: 'route', guard: 'x' },
      { target: 'b', trigger: 'route' },
      { target: 'auto', trigger: '', guard: 'input.skip' },
      { target: 'fallback', trigger: '' },
    ]);
  });

  it('adds escalation rungs that move the project, the step’s own and its tasks’', () => {
    const edges = listStepEdges({
      kind: 'tasks',
      assignee: 'pm',
      next: 'done',
      escalation: [
        { after: '0h', goto: 'triage' },
        { after: '24h', notify: ['pm'] },
        { after: '48h', goto: 'stuck' },
      ],
      taskDefaults: { escalation: [{ after: '3 business days', goto: 'stuck' }] },
    });
    expect(edges).toEqual([
      { target: 'done', trigger: 'all tasks closed' },
      { target: 'triage', trigger: 'overdue' },
      { target: 'stuck', trigger: 'overdue +48h' },
      { target: 'stuck', trigger: 'task overdue +3 business days' },
    ]);
  });

  it('gives final steps no arrows', () => {
    expect(listStepEdges({ kind: 'final', outcome: 'completed' })).toEqual([]);
  });
});
