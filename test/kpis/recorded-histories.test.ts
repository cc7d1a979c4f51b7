/**
 * The KPIs of the recorded projects (test/histories, one per shipped SOP): real Temporal
 * histories turned into history entries as the API does, with their final state views rebuilt
 * by replaying them through the engine. The numbers must be the ones the scripts played.
 */
import { computeKpis, projectFacts, type ProjectRecord } from '../../kpis';
import { shippedDocument } from '../support/sop-fixtures';
import { loadRecordedProjects } from './support/recorded-projects';

const SOPS = ['change-request-approval', 'incident-response', 'new-product-launch'];
const sopOwners = Object.fromEntries(SOPS.map((sop) => [sop, shippedDocument(sop).owner]));

let projects: ProjectRecord[];
beforeAll(async () => {
  projects = await loadRecordedProjects();
});

const bySop = () =>
  new Map(computeKpis(projects, { groupBy: ['sop'], sopOwners }).groups.map((g) => [g.key.sop, g]));
const minutesOf = (sop: string) =>
  projectFacts(
    projects.find((p) => p.view.sop.id === sop)!,
    sopOwners,
  ).flatMap((f) => (f.kind === 'response' ? [Math.round(f.minutes)] : []));

describe('KPIs of the recorded projects', () => {
  it('rebuilds a completed final view for each of them', () => {
    expect(projects.map((p) => [p.view.sop.id, p.view.status])).toEqual(
      SOPS.map((sop) => [sop, 'completed']),
    );
  });

  it('new product launch: 2 of 3 tasks on time, requirement answered in 3 h, one task escalation for R&D', () => {
    const launch = bySop().get('new-product-launch')!;
    expect(launch.onTimeCompletion).toMatchObject({ completed: 3, onTime: 2, meetsTarget: false });
    expect(launch.onTimeCompletion.rate).toBeCloseTo(2 / 3, 10);
    expect(launch.requirementResponse).toMatchObject({ samples: 1, withinTargetRate: 1, meetsTarget: true });
    expect(launch.requirementResponse.averageHours).toBeCloseTo(3, 3);
    expect(launch.escalations).toEqual({ total: 1, byRung: { '1': 1 }, reassignments: 0, autoActions: 0 });
    // Tasks t1..t3 (first owner action 1 day, 7 days, 7 days after assignment), then the four steps.
    expect(minutesOf('new-product-launch')).toEqual([1440, 10140, 10200, 180, 60, 1440, 1440]);
    const rnd = computeKpis(projects, { groupBy: ['department'], sopOwners }).groups.find(
      (g) => g.key.department === 'rnd',
    );
    expect(rnd?.onTimeCompletion).toMatchObject({ completed: 1, onTime: 0 });
  });

  it('change request: the requirement response is the first submission, before the send-back', () => {
    const change = bySop().get('change-request-approval')!;
    expect(change.requirementResponse.averageHours).toBeCloseTo(1, 3);
    // request (second visit, after the send-back), head approval, countersign (first of two), CTO.
    expect(minutesOf('change-request-approval')).toEqual([120, 180, 60, 120]);
    expect(change.escalations.total).toBe(0);
  });

  it('incident: acknowledged after 20 min and two rungs, parallel steps measured one by one', () => {
    const incident = bySop().get('incident-response')!;
    expect(incident.requirementResponse.averageHours).toBeCloseTo(1 / 3, 3);
    expect(incident.escalations).toEqual({
      total: 3,
      byRung: { '1': 2, '2': 1 },
      reassignments: 0,
      autoActions: 0,
    });
    // acknowledge, fix, informCustomers, draftStatement, approveStatement, recoveryCheck, retrospective.
    expect(minutesOf('incident-response')).toEqual([20, 90, 20, 50, 10, 15, 1440]);
  });

  it('sums up to plausible company-wide figures, all in Asia/Shanghai months', () => {
    const report = computeKpis(projects, { groupBy: ['period'], sopOwners });
    expect(report.generatedFrom).toBe(3);
    const periods = report.groups.map((g) => g.key.period);
    expect(periods).toEqual([...periods].sort());
    expect(periods).toEqual(expect.arrayContaining(['2026-11', '2026-12', '2036-12']));
    const [overall] = computeKpis(projects, { groupBy: [], sopOwners }).groups;
    expect(overall!.responseTime.samples).toBe(18);
    expect(overall!.responseTime.medianMinutes).toBeGreaterThan(0);
    expect(overall!.responseTime.averageMinutes).toBeGreaterThan(overall!.responseTime.medianMinutes!);
    expect(overall!.requirementResponse).toMatchObject({ samples: 3, withinTargetRate: 1 });
    expect(overall!.escalations.total).toBe(4);
  });
});
