/**
 * On-time task completion rate: completed tasks only, on time when done at or before the due
 * instant, cancelled and open tasks left out.
 */
import fc from 'fast-check';
import { computeKpis, type KpiGroup } from '../../kpis';
import type { TaskView } from '../../workflows/project-view';
import { HOUR, project, sh, task, view } from './support/build-project';

const due = sh('2026-12-10 18:00');
const created = sh('2026-12-07 09:00');
const overall = (tasks: readonly TaskView[]): KpiGroup => {
  const report = computeKpis([project('p1', view({ startedAt: created, tasks }))], { groupBy: [] });
  return report.groups[0]!;
};

describe('on-time task completion', () => {
  it('counts done tasks, on time when completed at or before the deadline', () => {
    const group = overall([
      task({
        id: 't1',
        owner: 'ann',
        createdAt: created,
        dueAt: due,
        status: 'done',
        completedAt: sh('2026-12-09 12:00'),
      }),
      task({
        id: 't2',
        owner: 'ben',
        createdAt: created,
        dueAt: due,
        status: 'done',
        completedAt: sh('2026-12-11 10:00'),
      }),
      // Exactly at the deadline, to the millisecond: on time.
      task({ id: 't3', owner: 'cat', createdAt: created, dueAt: due, status: 'done', completedAt: due }),
      // One millisecond late: late.
      task({
        id: 't4',
        owner: 'cat',
        createdAt: created,
        dueAt: due,
        status: 'done',
        completedAt: new Date(Date.parse(due) + 1).toISOString(),
      }),
    ]);
    expect(group.onTimeCompletion).toEqual({
      completed: 4,
      onTime: 2,
      rate: 0.5,
      target: 0.85,
      meetsTarget: false,
    });
  });

  it('leaves out cancelled tasks and tasks still open, even overdue ones', () => {
    const group = overall([
      task({
        id: 't1',
        owner: 'ann',
        createdAt: created,
        dueAt: due,
        status: 'done',
        completedAt: sh('2026-12-08 10:00'),
      }),
      // A cancelled task keeps no completion, whatever timestamps it carries.
      task({
        id: 't2',
        owner: 'ben',
        createdAt: created,
        dueAt: due,
        status: 'cancelled',
        completedAt: sh('2026-12-12 10:00'),
      }),
      task({ id: 't3', owner: 'cat', createdAt: created, dueAt: due, status: 'in_progress', overdue: true }),
      task({ id: 't4', owner: 'cat', createdAt: created, dueAt: due, status: 'blocked', needsHelp: true }),
    ]);
    expect(group.onTimeCompletion).toEqual({
      completed: 1,
      onTime: 1,
      rate: 1,
      target: 0.85,
      meetsTarget: true,
    });
  });

  it('has no rate when nothing was completed', () => {
    expect(overall([]).onTimeCompletion).toEqual({
      completed: 0,
      onTime: 0,
      rate: null,
      target: 0.85,
      meetsTarget: null,
    });
  });

  it('keeps the rate within [0, 1] and on-time within completed, for any tasks', () => {
    const start = Date.parse(created);
    const taskArbitrary = fc
      .record({
        status: fc.constantFrom('todo', 'in_progress', 'blocked', 'done', 'cancelled' as const),
        dueOffset: fc.integer({ min: 0, max: 30 * 24 }),
        doneOffset: fc.option(fc.integer({ min: 0, max: 30 * 24 })),
        department: fc.constantFrom('rnd', 'marketing', 'sales'),
      })
      .map((t): TaskView =>
        task({
          id: 't',
          owner: 'ann',
          createdAt: created,
          dueAt: new Date(start + t.dueOffset * HOUR).toISOString(),
          status: t.status,
          leadDepartment: t.department,
          ...(t.doneOffset !== null
            ? { completedAt: new Date(start + t.doneOffset * HOUR).toISOString() }
            : {}),
        }),
      );
    fc.assert(
      fc.property(fc.array(fc.array(taskArbitrary, { maxLength: 8 }), { maxLength: 5 }), (projects) => {
        const records = projects.map((tasks, i) =>
          project(`p${i}`, view({ startedAt: created, tasks: tasks.map((t, j) => ({ ...t, id: `t${j}` })) })),
        );
        const report = computeKpis(records, { groupBy: ['department', 'period'], period: 'week' });
        for (const { onTimeCompletion: figure } of report.groups) {
          expect(figure.completed).toBeGreaterThanOrEqual(figure.onTime);
          if (figure.rate !== null) {
            expect(figure.rate).toBeGreaterThanOrEqual(0);
            expect(figure.rate).toBeLessThanOrEqual(1);
          } else {
            expect(figure.completed).toBe(0);
          }
        }
      }),
    );
  });
});
