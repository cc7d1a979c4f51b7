import { buildSop, problemsOf, summarize } from '../support/build-sop';

describe('checkParticipants', () => {
  it('reports references to undeclared participants everywhere people are named', () => {
    const sop = buildSop();
    sop.steps.request.assignee = 'pmm';
    sop.steps.request.escalation = [{ after: '0h', notify: ['boss'], reassign: 'deputy' }];
    sop.steps.request.on = { cancel: { target: 'done', by: ['ceo'] } };
    sop.steps.request.recurring = [{ id: 'weekly', every: 'every friday at 17:00', notify: ['everyone'] }];
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual([
      'UNKNOWN_PARTICIPANT /steps/request/assignee',
      'UNKNOWN_PARTICIPANT /steps/request/escalation/0/notify/0',
      'UNKNOWN_PARTICIPANT /steps/request/escalation/0/reassign',
      'UNKNOWN_PARTICIPANT /steps/request/on/cancel/by/0',
      'UNKNOWN_PARTICIPANT /steps/request/recurring/0/notify/0',
    ]);
    expect(problems[0]?.hint).toBe("did you mean 'pm'?; declare new ones under 'participants'");
  });

  it('accepts the built-ins', () => {
    const sop = buildSop();
    sop.steps.request.escalation = [{ after: '0h', notify: ['assignee', 'members'] }];
    expect(problemsOf(sop)).toEqual([]);
  });

  it('allows task.* only inside a tasks step, also through a participant defined from task.owner', () => {
    const sop = buildSop();
    sop.participants.ownerBoss = { managerOf: 'task.owner', levels: 1 };
    sop.steps.request.escalation = [{ after: '0h', notify: ['task.owner', 'ownerBoss'] }];
    sop.steps.request.next = 'work';
    sop.steps.work = {
      kind: 'tasks',
      assignee: 'pm',
      taskDefaults: { escalation: [{ after: '0h', notify: ['task.leadHead', 'ownerBoss'] }] },
      needsHelp: { notify: ['task.collaboratingHeads'] },
      next: 'done',
    };
    expect(summarize(problemsOf(sop))).toEqual([
      'TASK_REF_OUTSIDE_TASKS /steps/request/escalation/0/notify/0',
      'TASK_REF_OUTSIDE_TASKS /steps/request/escalation/0/notify/1',
    ]);
  });

  it('checks managerOf names a participant, without loops', () => {
    const sop = buildSop();
    sop.participants.boss = { managerOf: 'pmm', levels: 1 };
    sop.participants.a = { managerOf: 'b', levels: 1 };
    sop.participants.b = { managerOf: 'c', levels: 1 };
    sop.participants.c = { managerOf: 'a', levels: 2 };
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual([
      'UNKNOWN_PARTICIPANT /participants/boss/managerOf',
      'PARTICIPANT_CYCLE /participants/a/managerOf',
    ]);
    expect(problems[1]?.message).toBe(
      "participants 'a' → 'b' → 'c' → 'a' are defined as each other's managers in a loop",
    );
  });

  it('checks fromInput and headOf: input.x against the input schema', () => {
    const sop = buildSop();
    sop.participants.pm = { fromInput: 'projectManger' };
    sop.participants.lead = { headOf: 'input.leadDepartment' };
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual([
      'UNKNOWN_INPUT_FIELD /participants/pm/fromInput',
      'UNKNOWN_INPUT_FIELD /participants/lead/headOf',
    ]);
    expect(problems[0]?.hint).toContain("did you mean 'projectManager'?");
  });

  it('says so when the SOP declares no input at all', () => {
    const sop = buildSop();
    delete sop.input;
    const problems = problemsOf(sop);
    expect(problems[0]?.message).toBe(
      "participant 'pm' uses 'input.projectManager', but the SOP declares no kickoff input",
    );
  });
});
