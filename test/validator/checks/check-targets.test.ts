import { buildSop, notifyStep, problemsOf, summarize } from '../support/build-sop';

describe('checkTargets', () => {
  it('reports an unknown next with a did-you-mean', () => {
    const sop = buildSop();
    sop.steps.request.next = 'don';
    const [problem] = problemsOf(sop);
    expect(problem).toMatchObject({
      code: 'UNKNOWN_TARGET',
      severity: 'error',
      path: '/steps/request/next',
      message: "step 'request' goes to 'don' (next), but there is no step 'don'",
      hint: "did you mean 'done'?",
    });
  });

  it('checks every way of naming a target', () => {
    const sop = buildSop();
    sop.steps.request.on = {
      cancel: 'gone',
      hold: { target: 'paused' },
      retry: [{ target: 'again', when: 'input.projectManager == "x"' }],
    };
    sop.steps.request.always = [{ target: 'elsewhere', when: 'input.projectManager == "y"' }];
    sop.steps.request.escalation.push({ after: '24h', goto: 'nowhere' });
    sop.steps.route = { kind: 'choice', routes: [{ when: 'true', target: 'lost' }], otherwise: 'missing' };
    sop.steps.review = {
      kind: 'approval',
      assignee: 'pm',
      deadline: '1h',
      escalation: [{ after: '0h', notify: ['pm'] }],
      onApprove: 'yes',
      onReject: 'no',
    };
    sop.steps.hold = { kind: 'wait', for: 'paid', until: '2d', next: 'done', onTimeout: 'late' };
    const targets = problemsOf(sop)
      .filter((p) => p.code === 'UNKNOWN_TARGET')
      .map((p) => p.path);
    expect(targets).toEqual([
      '/steps/request/escalation/1/goto',
      '/steps/request/on/cancel',
      '/steps/request/on/hold/target',
      '/steps/request/on/retry/0/target',
      '/steps/request/always/0/target',
      '/steps/route/routes/0/target',
      '/steps/route/otherwise',
      '/steps/review/onApprove',
      '/steps/review/onReject',
      '/steps/hold/onTimeout',
    ]);
  });

  it('lists the steps when no name is close', () => {
    const sop = buildSop();
    sop.steps.request.next = 'zzzzzz';
    expect(problemsOf(sop)[0]?.hint).toBe('the steps are: request, done');
  });

  it('reports an unknown initial, and one that points into a region', () => {
    const sop = buildSop();
    sop.initial = 'requst';
    expect(summarize(problemsOf(sop))).toEqual(['UNKNOWN_INITIAL /initial']);

    const nested = buildSop();
    nested.steps.request.next = 'both';
    nested.steps.both = {
      kind: 'parallel',
      regions: {
        a: { initial: 'inner', steps: { inner: notifyStep('innerDone'), innerDone: { kind: 'final' } } },
      },
      next: 'done',
    };
    nested.initial = 'inner';
    const [problem] = problemsOf(nested);
    expect(problem?.code).toBe('UNKNOWN_INITIAL');
    expect(problem?.message).toContain('inside a parallel region');
  });

  it("reports a region initial that is not one of the region's own steps", () => {
    const sop = buildSop();
    sop.steps.request.next = 'both';
    sop.steps.both = {
      kind: 'parallel',
      regions: {
        a: { initial: 'done', steps: { inner: notifyStep('innerDone'), innerDone: { kind: 'final' } } },
      },
      next: 'done',
    };
    expect(summarize(problemsOf(sop))).toEqual(['UNKNOWN_INITIAL /steps/both/regions/a/initial']);
  });
});
