import { buildSop, notifyStep, problemsOf, summarize } from '../support/build-sop';

describe('checkReachability', () => {
  it('warns once about an orphan chain, at its first step', () => {
    const sop = buildSop();
    sop.steps.orphan = notifyStep('orphan2');
    sop.steps.orphan2 = notifyStep('done');
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual(['UNREACHABLE_STEP /steps/orphan']);
    expect(problems[0]?.severity).toBe('warning');
    expect(problems[0]?.message).toContain('(so 1 step after it are never reached either)');
  });

  it('warns about an unreachable loop once', () => {
    const sop = buildSop();
    sop.steps.a = notifyStep('b');
    sop.steps.b = notifyStep('a');
    expect(summarize(problemsOf(sop))).toEqual(['UNREACHABLE_STEP /steps/a']);
  });

  it('reports a dead end, but not the steps that only lead into it', () => {
    const sop = buildSop();
    sop.steps.request.next = 'hop';
    sop.steps.request.on = { cancel: 'done' };
    sop.steps.hop = notifyStep('stuck');
    sop.steps.stuck = {
      kind: 'approval',
      assignee: 'pm',
      deadline: '1h',
      escalation: [{ after: '0h', notify: ['pm'] }],
      onApprove: 'stuck',
      onReject: 'stuck',
    };
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual(['NO_PATH_TO_FINAL /steps/stuck']);
    expect(problems[0]?.message).toContain("steps 'stuck' only lead to each other");
  });

  it('reports a closed loop once, naming its steps', () => {
    const sop = buildSop();
    sop.steps.request.next = 'ping';
    sop.steps.request.on = { cancel: 'done' };
    sop.steps.ping = notifyStep('pong');
    sop.steps.pong = notifyStep('ping');
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual(['NO_PATH_TO_FINAL /steps/ping']);
    expect(problems[0]?.message).toContain("steps 'ping', 'pong' only lead to each other");
  });

  it('counts a way out through an escalation goto or an event', () => {
    const sop = buildSop();
    sop.steps.request.next = 'ping';
    sop.steps.ping = notifyStep('pong');
    sop.steps.pong = { ...notifyStep('ping'), on: { stop: 'done' } };
    expect(problemsOf(sop)).toEqual([]);
  });

  it('requires every region of a parallel step to be able to finish', () => {
    const sop = buildSop();
    sop.steps.request.next = 'both';
    sop.steps.request.on = { cancel: 'done' };
    sop.steps.both = {
      kind: 'parallel',
      regions: {
        fine: { initial: 'a', steps: { a: notifyStep('aDone'), aDone: { kind: 'final' } } },
        broken: { initial: 'b', steps: { b: notifyStep('b'), bDone: { kind: 'final' } } },
      },
      next: 'done',
    };
    expect(summarize(problemsOf(sop))).toEqual([
      'NO_PATH_TO_FINAL /steps/both/regions/broken/steps/b',
      'UNREACHABLE_STEP /steps/both/regions/broken/steps/bDone',
    ]);
  });

  it('accepts parallel regions that each reach their final step', () => {
    const sop = buildSop();
    sop.steps.request.next = 'both';
    sop.steps.both = {
      kind: 'parallel',
      regions: {
        one: { initial: 'a', steps: { a: notifyStep('aDone'), aDone: { kind: 'final' } } },
        two: { initial: 'b', steps: { b: notifyStep('bDone'), bDone: { kind: 'final' } } },
      },
      next: 'done',
    };
    expect(problemsOf(sop)).toEqual([]);
  });

  it('does not blame the step a misspelt target obviously means', () => {
    const sop = buildSop();
    sop.steps.request.next = 'don';
    expect(summarize(problemsOf(sop))).toEqual(['UNKNOWN_TARGET /steps/request/next']);
  });

  it('stays quiet when initial names no step at all', () => {
    const sop = buildSop();
    sop.initial = 'zzzzzzz';
    sop.steps.orphan = notifyStep('done');
    expect(summarize(problemsOf(sop))).toEqual(['UNKNOWN_INITIAL /initial']);
  });

  it('handles a long chain of steps without deep recursion', () => {
    const sop = buildSop();
    const count = 3000;
    sop.steps.request.next = 's0';
    for (let i = 0; i < count; i++) sop.steps[`s${i}`] = notifyStep(i + 1 < count ? `s${i + 1}` : 'done');
    expect(problemsOf(sop)).toEqual([]);
  });
});
