/**
 * Response time: assignment → first action, for tasks (acknowledgement or the owner's first
 * action) and for steps (first human action taken on the step).
 */
import { computeKpis, projectFacts, type KpiFact, type ProjectRecord } from '../../kpis';
import { act, kickoff, notify, project, record, sh, task, view } from './support/build-project';

const ms = (iso: string, plus: number) => new Date(Date.parse(iso) + plus).toISOString();
const responses = (p: ProjectRecord) =>
  projectFacts(p, { 'new-product-launch': 'marketing' }).filter(
    (f): f is Extract<KpiFact, { kind: 'response' }> => f.kind === 'response',
  );

/**
 * A launch project on Monday: requirement 09:00–12:00, breakdown 12:00–13:00, progress since
 * 13:00. As in real histories, the history stamps each action 30 ms after the workflow clock the
 * view's step times come from.
 */
function launch(
  tasks: Parameters<typeof view>[0]['tasks'],
  actions: ProjectRecord['history'],
): ProjectRecord {
  const start = sh('2026-12-07 09:00');
  return project(
    'launch',
    view({
      startedAt: start,
      completedSteps: [
        { id: 'requirement', enteredAt: start, exitedAt: sh('2026-12-07 12:00') },
        { id: 'breakdown', enteredAt: sh('2026-12-07 12:00'), exitedAt: sh('2026-12-07 13:00') },
      ],
      activeSteps: [{ id: 'progress', enteredAt: sh('2026-12-07 13:00') }],
      tasks,
    }),
    [
      kickoff(start),
      notify(ms(start, 100), 'requirement'),
      act(ms(sh('2026-12-07 12:00'), 30), 'he.yun', 'submit', {
        result: { status: 'active', steps: ['breakdown'] },
      }),
      notify(ms(sh('2026-12-07 12:00'), 30), 'breakdown'),
      act(ms(sh('2026-12-07 13:00'), 30), 'zhang.min', 'submit', {
        result: { status: 'active', steps: ['progress'] },
      }),
      ...actions,
    ],
  );
}

const created = sh('2026-12-07 13:00');
const due = sh('2026-12-11 18:00');

describe('response time', () => {
  it('measures a step from entering it to the first human action on it, not the action that opened it', () => {
    const minutes = responses(launch([], [])).map((f) => f.minutes);
    // requirement 09:00 → 12:00:00.030; breakdown 12:00 → 13:00:00.030 (not the 12:00 submit that opened it).
    expect(minutes).toEqual([180 + 0.0005, 60 + 0.0005]);
  });

  it('uses the acknowledgement of a task when there is one', () => {
    const acknowledged = task({
      id: 't1',
      owner: 'ben',
      createdAt: created,
      dueAt: due,
      acknowledgedAt: new Date(Date.parse(sh('2026-12-07 14:00'))).toISOString(),
    });
    const p = launch(
      [acknowledged],
      [act(sh('2026-12-07 15:00'), 'ben', 'task.update', { task: 't1', status: 'in_progress' })],
    );
    const taskSample = responses(p).find((f) => f.department === 'rnd');
    expect(taskSample).toMatchObject({ minutes: 60, at: Date.parse(sh('2026-12-07 14:00')) });
  });

  it("without an acknowledgement, uses the owner's first action on the task, ignoring others'", () => {
    const open = task({ id: 't2', owner: 'cat', createdAt: created, dueAt: due, leadDepartment: 'sales' });
    const p = launch(
      [open],
      [
        act(sh('2026-12-07 14:30'), 'ann', 'task.update', { task: 't2', status: 'in_progress' }),
        act(sh('2026-12-07 16:00'), 'cat', 'task.needsHelp', { task: 't2' }),
      ],
    );
    expect(
      responses(p)
        .filter((f) => f.department === 'sales')
        .map((f) => f.minutes),
    ).toEqual([180]);
    // The progress step's own first action is ann's, at 14:30.
    expect(
      responses(p)
        .filter((f) => f.department === 'marketing')
        .map((f) => f.minutes),
    ).toContain(90);
  });

  it('counts an action on behalf of the owner, and gives no sample to a task nobody answered', () => {
    const delegated = task({
      id: 't3',
      owner: 'eve',
      createdAt: created,
      dueAt: due,
      leadDepartment: 'service',
    });
    const silent = task({
      id: 't4',
      owner: 'dan',
      createdAt: created,
      dueAt: due,
      leadDepartment: 'finance',
    });
    const p = launch(
      [delegated, silent],
      [
        {
          ...act(sh('2026-12-07 13:30'), 'assistant', 'task.acknowledge', { task: 't3' }),
          actor: { user: 'assistant', onBehalfOf: 'eve' },
        },
      ],
    );
    const departments = responses(p).map((f) => `${f.department}:${f.minutes}`);
    expect(departments).toContain('service:30');
    expect(departments.some((d) => d.startsWith('finance:'))).toBe(false);
  });

  it("measures a reassigned task from the reassignment, ignoring the previous owner's acknowledgement", () => {
    const moved = task({
      id: 't5',
      owner: 'frank',
      createdAt: created,
      dueAt: due,
      leadDepartment: 'it',
      acknowledgedAt: new Date(Date.parse(sh('2026-12-07 14:00'))).toISOString(),
    });
    const p = launch(
      [moved],
      [
        record(sh('2026-12-08 09:00'), 'progress', 'reassigned', 't5'),
        act(sh('2026-12-08 10:00'), 'frank', 'task.update', { task: 't5', status: 'in_progress' }),
      ],
    );
    expect(
      responses(p)
        .filter((f) => f.department === 'it')
        .map((f) => f.minutes),
    ).toEqual([60]);
  });

  it('credits an action taken while parallel steps are open to the step assigned to the actor, else the one it left', () => {
    const opened = sh('2026-12-07 10:00');
    const p = project(
      'incident',
      view({
        sop: 'incident-response',
        startedAt: sh('2026-12-07 09:00'),
        completedSteps: [
          { id: 'fix', enteredAt: opened, exitedAt: sh('2026-12-07 12:00') },
          { id: 'inform', enteredAt: opened, exitedAt: sh('2026-12-07 10:20') },
          { id: 'draft', enteredAt: opened, exitedAt: sh('2026-12-07 10:50') },
        ],
      }),
      [
        kickoff(sh('2026-12-07 09:00')),
        notify(ms(opened, 30), 'fix', { recipients: ['sun.peng'] }),
        notify(ms(opened, 30), 'inform', { recipients: ['yang.xue'] }),
        notify(ms(opened, 30), 'draft', { recipients: ['yang.xue'] }),
        // yang.xue holds two of the three steps; her submit left `inform`.
        act(sh('2026-12-07 10:20'), 'yang.xue', 'submit', {
          result: { status: 'active', steps: ['fix', 'draft'] },
        }),
        act(sh('2026-12-07 10:50'), 'yang.xue', 'submit', { result: { status: 'active', steps: ['fix'] } }),
        act(sh('2026-12-07 12:00'), 'sun.peng', 'submit', { result: { status: 'active', steps: [] } }),
      ],
    );
    expect(responses(p).map((f) => f.minutes)).toEqual([120, 20, 50]);
  });

  it('averages tasks and steps together, with the median', () => {
    const t1 = task({
      id: 't1',
      owner: 'ben',
      createdAt: created,
      dueAt: due,
      acknowledgedAt: new Date(Date.parse(sh('2026-12-07 14:00'))).toISOString(),
    });
    const report = computeKpis(
      [launch([t1], [act(sh('2026-12-07 14:00'), 'ben', 'task.acknowledge', { task: 't1' })])],
      {
        groupBy: [],
      },
    );
    // Samples: requirement 180.0005, breakdown 60.0005, progress 60 (ben's ack at 14:00), t1 60.
    expect(report.groups[0]!.responseTime.samples).toBe(4);
    expect(report.groups[0]!.responseTime.averageMinutes).toBeCloseTo((180.0005 + 60.0005 + 60 + 60) / 4, 6);
    expect(report.groups[0]!.responseTime.medianMinutes).toBeCloseTo(60.00025, 6);
  });
});
