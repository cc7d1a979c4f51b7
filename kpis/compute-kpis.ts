/**
 * The company's KPIs (按时完成率, 响应时长, 需求响应时长, 升级次数) from projects' own data, grouped
 * by SOP, department and calendar period. Pure: same projects and options, same report.
 */
import type { KpiFact } from './facts/fact';
import { projectFacts } from './facts/project-facts';
import { checkTimeZone, periodOf } from './periods';
import { summarise } from './summarise';
import {
  DEFAULT_TIME_ZONE,
  type KpiDimension,
  type KpiGroupKey,
  type KpiOptions,
  type KpiReport,
  type ProjectRecord,
} from './types';

const DIMENSIONS: readonly KpiDimension[] = ['sop', 'department', 'period'];

function checkOptions(options: KpiOptions): void {
  for (const dimension of options.groupBy) {
    if (!DIMENSIONS.includes(dimension)) {
      throw new Error(
        `[KPI_BAD_DIMENSION] cannot group by '${String(dimension)}'; use any of: ${DIMENSIONS.join(', ')}`,
      );
    }
  }
  for (const [name, date] of [
    ['from', options.from],
    ['to', options.to],
  ] as const) {
    if (date !== undefined && Number.isNaN(date.getTime()))
      throw new Error(`[KPI_BAD_RANGE] '${name}' is an invalid Date`);
  }
  if (options.from && options.to && options.from.getTime() > options.to.getTime()) {
    throw new Error(
      `[KPI_BAD_RANGE] 'from' (${options.from.toISOString()}) is after 'to' (${options.to.toISOString()})`,
    );
  }
}

/**
 * Measures `projects` and groups the figures. Each fact (a task completed, a first response, a
 * requirement submitted, an escalation rung fired) is dated by the instant its measurement
 * closes; only facts with `from <= instant < to` count, and a fact's period is the day, ISO week
 * or month (default month) holding that instant in `timeZone` (default Asia/Shanghai).
 * Department: a task's lead department for task figures, the project's lead department for
 * project figures (see `projectDepartment`). Definitions: docs/kpis.md.
 *
 * Throws `[KPI_BAD_DIMENSION]`, `[KPI_BAD_RANGE]` or `[KPI_BAD_TIME_ZONE]` on bad options.
 *
 * @example
 * const report = computeKpis(projects, {
 *   from: new Date('2026-12-01T00:00:00+08:00'),
 *   to: new Date('2027-01-01T00:00:00+08:00'),
 *   groupBy: ['department', 'period'],
 *   period: 'week',
 * });
 * report.groups[0]; // { key: { department: 'rnd', period: '2026-W49' }, onTimeCompletion: { rate: 0.9, … }, … }
 */
export function computeKpis(projects: readonly ProjectRecord[], options: KpiOptions): KpiReport {
  checkOptions(options);
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  checkTimeZone(timeZone);
  const ordered = [...new Set(options.groupBy)];
  const from = options.from?.getTime() ?? -Infinity;
  const to = options.to?.getTime() ?? Infinity;
  const keyOf = (fact: KpiFact): KpiGroupKey => ({
    ...(ordered.includes('sop') ? { sop: fact.sop } : {}),
    ...(ordered.includes('department') ? { department: fact.department } : {}),
    ...(ordered.includes('period') ? { period: periodOf(fact.at, options.period ?? 'month', timeZone) } : {}),
  });

  const groups = new Map<string, { key: KpiGroupKey; facts: KpiFact[] }>();
  // The overall group exists even with no facts: "nothing happened" is an answer too.
  if (ordered.length === 0) groups.set('[]', { key: {}, facts: [] });
  for (const project of projects) {
    for (const fact of projectFacts(project, options.sopOwners)) {
      if (fact.at < from || fact.at >= to) continue;
      const key = keyOf(fact);
      const id = JSON.stringify(ordered.map((d) => key[d]));
      const group = groups.get(id) ?? { key, facts: [] };
      group.facts.push(fact);
      groups.set(id, group);
    }
  }
  const sorted = [...groups.values()].sort((a, b) => {
    for (const d of ordered) {
      // Code-point order: the same in every locale, and chronological for period labels.
      const x = a.key[d] ?? '';
      const y = b.key[d] ?? '';
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  return {
    ...(options.from ? { from: options.from.toISOString() } : {}),
    ...(options.to ? { to: options.to.toISOString() } : {}),
    generatedFrom: projects.length,
    timeZone,
    groups: sorted.map((g) => summarise(g.key, g.facts)),
  };
}
