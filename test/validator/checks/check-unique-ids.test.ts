import { buildSop, notifyStep, problemsOf, summarize } from '../support/build-sop';

describe('checkUniqueIds', () => {
  it('reports a step id used again inside a region, and skips graph checks on the ambiguous graph', () => {
    const sop = buildSop();
    sop.steps.request.next = 'both';
    sop.steps.both = {
      kind: 'parallel',
      regions: {
        a: { initial: 'done', steps: { done: { kind: 'final' } } },
        b: { initial: 'other', steps: { other: notifyStep('otherDone'), otherDone: { kind: 'final' } } },
      },
      next: 'done',
    };
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual(['DUPLICATE_STEP_ID /steps/both/regions/a/steps/done']);
    expect(problems[0]?.message).toBe(
      "step id 'done' is already used at the top level; step ids must be unique across the whole SOP, regions included",
    );
    expect(problems[0]?.hint).toBe("rename one of them, e.g. 'done_a'");
  });

  it('reports repeated recurring ids within a step and repeated KPI ids', () => {
    const sop = buildSop();
    sop.steps.request.recurring = [
      { id: 'weekly', every: 'every friday at 17:00', notify: ['pm'] },
      { id: 'weekly', every: 'every monday at 09:00', notify: ['pm'] },
    ];
    sop.kpis = [
      { id: 'speed', title: 'Speed', kind: 'response-time', subject: 'request', target: '24h' },
      { id: 'speed', title: 'On time', kind: 'on-time', subject: 'tasks', target: '85%' },
    ];
    expect(summarize(problemsOf(sop))).toEqual([
      'DUPLICATE_RECURRING_ID /steps/request/recurring/1/id',
      'DUPLICATE_KPI_ID /kpis/1/id',
    ]);
  });
});
