import { buildSop, problemsOf, summarize } from '../support/build-sop';

describe('checkKpis', () => {
  it('accepts tasks, steps and step ids as subjects, with fitting targets', () => {
    const sop = buildSop();
    sop.kpis = [
      { id: 'a', title: 'A', kind: 'response-time', subject: 'request', target: '24h' },
      { id: 'b', title: 'B', kind: 'on-time', subject: 'tasks', target: '85%' },
      { id: 'c', title: 'C', kind: 'on-time', subject: 'steps' },
    ];
    expect(problemsOf(sop)).toEqual([]);
  });

  it('reports unknown subjects and targets that do not fit the kind', () => {
    const sop = buildSop();
    sop.kpis = [
      { id: 'a', title: 'A', kind: 'response-time', subject: 'requst', target: '85%' },
      { id: 'b', title: 'B', kind: 'on-time', subject: 'tasks', target: '24h' },
    ];
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual([
      'UNKNOWN_KPI_SUBJECT /kpis/0/subject',
      'INVALID_KPI_TARGET /kpis/0/target',
      'INVALID_KPI_TARGET /kpis/1/target',
    ]);
    expect(problems[0]?.hint).toBe("did you mean 'request'?");
  });
});
