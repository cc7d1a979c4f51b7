/**
 * Requirement response: kickoff → first submission of the step the project started in.
 */
import { computeKpis, projectFacts, type ProjectRecord } from '../../kpis';
import { act, kickoff, notify, project, record, sh, view } from './support/build-project';

const start = sh('2026-12-07 09:00');
const hours = (p: ProjectRecord) =>
  projectFacts(p).flatMap((f) => (f.kind === 'requirement' ? [f.hours] : []));

function formProject(
  history: ProjectRecord['history'],
  completedSteps = [{ id: 'requirement', enteredAt: start, exitedAt: sh('2026-12-07 12:00') }],
) {
  return project(
    'p',
    view({
      startedAt: start,
      completedSteps,
      activeSteps: [{ id: 'breakdown', enteredAt: sh('2026-12-07 12:00') }],
    }),
    [kickoff(start), notify(start, 'requirement'), ...history],
  );
}

describe('requirement response', () => {
  it('runs from the start to the first submit on the first step', () => {
    const p = formProject([
      act(sh('2026-12-07 12:00'), 'he.yun', 'submit', { result: { status: 'active', steps: ['breakdown'] } }),
    ]);
    expect(hours(p)).toEqual([3]);
  });

  it('counts within the 24 h target inclusively, and averages', () => {
    const onTarget = formProject([act(sh('2026-12-08 09:00'), 'he.yun', 'submit')]);
    const late = formProject([act(sh('2026-12-09 09:00'), 'he.yun', 'submit')]);
    const report = computeKpis([onTarget, late], { groupBy: [] });
    expect(report.groups[0]!.requirementResponse).toEqual({
      samples: 2,
      averageHours: 36,
      withinTargetRate: 0.5,
      targetHours: 24,
      meetsTarget: false,
    });
  });

  it('still finds the first submission when the step was sent back and entered again', () => {
    // The view only knows the second visit of `request`; the kickoff notification names the first step.
    const p = project(
      'cr',
      view({
        sop: 'change-request-approval',
        startedAt: start,
        completedSteps: [
          { id: 'request', enteredAt: sh('2026-12-07 13:00'), exitedAt: sh('2026-12-07 15:00') },
        ],
        activeSteps: [{ id: 'approval', enteredAt: sh('2026-12-07 15:00') }],
      }),
      [
        kickoff(start),
        notify(start, 'request'),
        act(sh('2026-12-07 11:00'), 'zhou.jie', 'submit', {
          result: { status: 'active', steps: ['approval'] },
        }),
        act(sh('2026-12-07 13:00'), 'zhao.lei', 'sendBack', {
          result: { status: 'active', steps: ['request'] },
        }),
        act(sh('2026-12-07 15:00'), 'zhou.jie', 'submit', {
          result: { status: 'active', steps: ['approval'] },
        }),
      ],
    );
    expect(hours(p)).toEqual([2]);
  });

  it('gives no sample when the first step was left without a submission', () => {
    const approvedFirst = formProject([
      act(sh('2026-12-07 10:00'), 'li.na', 'approve', { result: { status: 'active', steps: ['breakdown'] } }),
      act(sh('2026-12-07 11:00'), 'zhang.min', 'submit'),
    ]);
    const escalatedAway = formProject([
      record(sh('2026-12-08 09:00'), 'requirement', 'escalated-to-step'),
      act(sh('2026-12-08 10:00'), 'zhang.min', 'submit'),
    ]);
    const unanswered = formProject([]);
    expect([...hours(approvedFirst), ...hours(escalatedAway), ...hours(unanswered)]).toEqual([]);
  });
});
