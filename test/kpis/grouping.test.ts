/**
 * Grouping by SOP × department × period in the company's zone, the from/to range, empty input
 * and bad options.
 */
import { computeKpis, periodOf, type KpiGroup } from '../../kpis';
import type { TaskView } from '../../workflows/project-view';
import { project, sh, task, view } from './support/build-project';

const created = sh('2026-12-01 09:00');
const due = sh('2026-12-07 00:00');
const done = (id: string, completedAt: string, leadDepartment: string): TaskView =>
  task({ id, owner: 'ann', createdAt: created, dueAt: due, status: 'done', completedAt, leadDepartment });

// Sunday 23:30 and Monday 00:30 in Shanghai: both still Sunday (ISO week 49) in UTC.
const sundayNight = sh('2026-12-06 23:30');
const mondayEarly = sh('2026-12-07 00:30');
const projects = [
  project(
    'launch',
    view({
      sop: 'new-product-launch',
      startedAt: created,
      tasks: [
        done('t1', sundayNight, 'rnd'),
        done('t2', mondayEarly, 'rnd'),
        done('t3', sundayNight, 'sales'),
      ],
    }),
  ),
  project(
    'incident',
    view({ sop: 'incident-response', startedAt: created, tasks: [done('t1', mondayEarly, 'rnd')] }),
  ),
];
const summary = (groups: readonly KpiGroup[]) =>
  groups.map((g) => [g.key, g.onTimeCompletion.completed, g.onTimeCompletion.onTime]);

describe('grouping', () => {
  it('groups by sop × department × ISO week, cutting weeks at Monday 00:00 in Asia/Shanghai', () => {
    const report = computeKpis(projects, { groupBy: ['sop', 'department', 'period'], period: 'week' });
    expect(report.timeZone).toBe('Asia/Shanghai');
    expect(summary(report.groups)).toEqual([
      [{ sop: 'incident-response', department: 'rnd', period: '2026-W50' }, 1, 0],
      [{ sop: 'new-product-launch', department: 'rnd', period: '2026-W49' }, 1, 1],
      [{ sop: 'new-product-launch', department: 'rnd', period: '2026-W50' }, 1, 0],
      [{ sop: 'new-product-launch', department: 'sales', period: '2026-W49' }, 1, 1],
    ]);
  });

  it('cuts the same instants into one week in UTC', () => {
    const report = computeKpis(projects, { groupBy: ['sop', 'period'], period: 'week', timeZone: 'UTC' });
    expect(summary(report.groups)).toEqual([
      [{ sop: 'incident-response', period: '2026-W49' }, 1, 0],
      [{ sop: 'new-product-launch', period: '2026-W49' }, 3, 2],
    ]);
  });

  it('sorts groups in the order of the dimensions asked for, and defaults the period to the month', () => {
    const report = computeKpis(projects, { groupBy: ['period', 'department'] });
    expect(report.groups.map((g) => g.key)).toEqual([
      { period: '2026-12', department: 'rnd' },
      { period: '2026-12', department: 'sales' },
    ]);
  });

  it('counts facts from `from` (inclusive) to `to` (exclusive)', () => {
    const report = computeKpis(projects, {
      groupBy: [],
      from: new Date(sundayNight),
      to: new Date(mondayEarly),
    });
    expect(report).toMatchObject({ from: sundayNight, to: mondayEarly, generatedFrom: 2 });
    expect(report.groups[0]!.onTimeCompletion).toMatchObject({ completed: 2, onTime: 2 });
  });

  it('answers empty input with one empty overall group, or no groups when grouped', () => {
    const overall = computeKpis([], { groupBy: [] });
    expect(overall).toEqual({
      generatedFrom: 0,
      timeZone: 'Asia/Shanghai',
      groups: [
        {
          key: {},
          onTimeCompletion: { completed: 0, onTime: 0, rate: null, target: 0.85, meetsTarget: null },
          responseTime: { samples: 0, averageMinutes: null, medianMinutes: null },
          requirementResponse: {
            samples: 0,
            averageHours: null,
            withinTargetRate: null,
            targetHours: 24,
            meetsTarget: null,
          },
          escalations: { total: 0, byRung: {}, reassignments: 0, autoActions: 0 },
        },
      ],
    });
    expect(computeKpis([], { groupBy: ['sop', 'period'] }).groups).toEqual([]);
  });

  it('labels days, ISO weeks and months in the zone', () => {
    const instant = Date.parse('2026-12-31T16:30:00Z'); // 2027-01-01 00:30 in Shanghai
    expect(periodOf(instant, 'day', 'Asia/Shanghai')).toBe('2027-01-01');
    expect(periodOf(instant, 'month', 'Asia/Shanghai')).toBe('2027-01');
    // 1 January 2027 is a Friday: it belongs to the last ISO week of 2026.
    expect(periodOf(instant, 'week', 'Asia/Shanghai')).toBe('2026-W53');
    expect(periodOf(instant, 'day', 'UTC')).toBe('2026-12-31');
  });

  it('refuses bad options with a code and what to write instead', () => {
    expect(() => computeKpis([], { groupBy: [], timeZone: 'CST' })).toThrow(
      /\[KPI_BAD_TIME_ZONE\].*Asia\/Shanghai/,
    );
    expect(() => computeKpis([], { groupBy: ['team' as 'sop'] })).toThrow(
      "[KPI_BAD_DIMENSION] cannot group by 'team'; use any of: sop, department, period",
    );
    expect(() =>
      computeKpis([], { groupBy: [], from: new Date(mondayEarly), to: new Date(sundayNight) }),
    ).toThrow(/\[KPI_BAD_RANGE\]/);
  });
});
