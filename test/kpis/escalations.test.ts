/**
 * Escalations: each rung that fired counts once, by its 1-based rung number, whatever it did.
 */
import { computeKpis } from '../../kpis';
import { kickoff, notify, project, record, sh, task, view } from './support/build-project';

const start = sh('2026-12-07 09:00');

describe('escalations', () => {
  it('counts rungs by number, a notify-and-reassign rung once, and task rungs for the task department', () => {
    const t1 = task({
      id: 't1',
      owner: 'ben',
      createdAt: start,
      dueAt: sh('2026-12-08 18:00'),
      leadDepartment: 'rnd',
    });
    const p = project(
      'p',
      view({ startedAt: start, activeSteps: [{ id: 'progress', enteredAt: start }], tasks: [t1] }),
      [
        kickoff(start, { leadDepartment: 'marketing' }),
        // Task ladder: rung 1 notifies; rung 2 notifies and reassigns in the same turn.
        record(sh('2026-12-08 18:00'), 'progress', 'overdue', 't1'),
        notify(sh('2026-12-08 18:00'), 'progress', { task: 't1', reason: 'escalation', rung: 0 }),
        notify(sh('2026-12-09 18:00'), 'progress', { task: 't1', reason: 'escalation', rung: 1 }),
        record(sh('2026-12-09 18:00'), 'progress', 'reassigned', 't1'),
        notify(sh('2026-12-09 18:00'), 'progress', { task: 't1', reason: 'task-assigned' }),
        // Step ladder: a rung that only acts automatically (no notification, no rung number).
        record(sh('2026-12-10 09:00'), 'progress', 'auto-action'),
        // Reminders and overdue records are not escalations.
        notify(sh('2026-12-10 10:00'), 'progress', { reason: 'reminder' }),
      ],
    );
    const report = computeKpis([p], { groupBy: ['department'] });
    expect(report.groups.map((g) => [g.key.department, g.escalations])).toEqual([
      ['marketing', { total: 1, byRung: {}, reassignments: 0, autoActions: 1 }],
      ['rnd', { total: 2, byRung: { '1': 1, '2': 1 }, reassignments: 1, autoActions: 0 }],
    ]);
  });
});
