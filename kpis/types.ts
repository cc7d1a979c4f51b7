/**
 * The shapes of the KPI report: what goes in (projects with their state view and business
 * history) and what comes out (one set of figures per group).
 *
 * Glossary
 * - **Project record**: one project as the API knows it: its `state` view and its history.
 * - **Fact**: one measured event of a project (a task completed, a first response, a requirement
 *   submitted, an escalation rung fired), dated by the instant the measurement closes.
 * - **Group**: the facts sharing the same SOP / department / period, summarised into figures.
 * - **Period**: the calendar day, ISO week or month of a fact's instant, in the report's zone.
 *
 * The exact definition of every figure is in docs/kpis.md.
 */
import type { HistoryEntry } from '../api/history/history-entry';
import type { ProjectView } from '../workflows/project-view';

/**
 * One project: its current state view (`GET /projects/:id`) and business history (`…/history`).
 *
 * @example
 * const record: ProjectRecord = { id, view: await getJson(`/projects/${id}`), history: (await getJson(`/projects/${id}/history`)).events };
 */
export interface ProjectRecord {
  readonly id: string;
  readonly view: ProjectView;
  readonly history: readonly HistoryEntry[];
}

/**
 * A dimension the report can be grouped by.
 *
 * @example
 * const groupBy: KpiDimension[] = ['sop', 'department'];
 */
export type KpiDimension = 'sop' | 'department' | 'period';

/**
 * The calendar unit of the `period` dimension.
 *
 * @example
 * computeKpis(projects, { groupBy: ['period'], period: 'week' as KpiPeriod });
 */
export type KpiPeriod = 'day' | 'week' | 'month';

/**
 * What to measure and how to group it.
 *
 * @example
 * const options: KpiOptions = { from: new Date('2026-12-01T00:00:00+08:00'), groupBy: ['department'], timeZone: 'Asia/Shanghai' };
 */
export interface KpiOptions {
  /** Only facts dated at or after this instant (inclusive). */
  readonly from?: Date;
  /** Only facts dated before this instant (exclusive), so consecutive ranges never overlap. */
  readonly to?: Date;
  /** Dimensions to group by, in the order the groups are sorted; `[]` gives one overall group. */
  readonly groupBy: readonly KpiDimension[];
  /** Unit of the `period` dimension; default `month` (the company measures monthly). */
  readonly period?: KpiPeriod;
  /** IANA zone that decides where days, weeks and months begin; default `Asia/Shanghai`. */
  readonly timeZone?: string;
  /**
   * SOP id → owning department (the SOP YAML's `owner`), for projects whose kickoff input names
   * no `leadDepartment`: neither the state view nor the history carries the SOP's owner.
   */
  readonly sopOwners?: Readonly<Record<string, string>>;
}

/**
 * The values of a group's dimensions; only the dimensions grouped by are present.
 *
 * @example
 * const key: KpiGroupKey = { sop: 'new-product-launch', department: 'rnd', period: '2026-W50' };
 */
export interface KpiGroupKey {
  readonly sop?: string;
  readonly department?: string;
  /** `2026-12-07` (day), `2026-W50` (ISO week), `2026-12` (month). */
  readonly period?: string;
}

/**
 * On-time task completion rate (按时完成率).
 *
 * @example
 * const figure: OnTimeCompletion = { completed: 20, onTime: 18, rate: 0.9, target: 0.85, meetsTarget: true };
 */
export interface OnTimeCompletion {
  /** Tasks completed (`done`) in the group. */
  readonly completed: number;
  /** Of those, completed at or before their due instant. */
  readonly onTime: number;
  /** `onTime / completed`, or `null` when nothing was completed. */
  readonly rate: number | null;
  readonly target: number;
  /** `rate >= target`, or `null` when there is no rate. */
  readonly meetsTarget: boolean | null;
}

/**
 * Average response time (响应时长): assignment → first action, tasks and steps together.
 *
 * @example
 * const figure: ResponseTime = { samples: 3, averageMinutes: 100, medianMinutes: 60 };
 */
export interface ResponseTime {
  readonly samples: number;
  /** Mean in minutes, unrounded; `null` without samples. */
  readonly averageMinutes: number | null;
  /** Median in minutes (mean of the two middle samples for an even count); `null` without samples. */
  readonly medianMinutes: number | null;
}

/**
 * Requirement response time (需求响应时长): kickoff → first submission of the first form.
 *
 * @example
 * const figure: RequirementResponse = { samples: 2, averageHours: 18, withinTargetRate: 0.5, targetHours: 24, meetsTarget: true };
 */
export interface RequirementResponse {
  readonly samples: number;
  /** Mean in hours, unrounded; `null` without samples. */
  readonly averageHours: number | null;
  /** Share of samples answered within `targetHours` (inclusive); `null` without samples. */
  readonly withinTargetRate: number | null;
  readonly targetHours: number;
  /** `averageHours <= targetHours`, or `null` without samples. */
  readonly meetsTarget: boolean | null;
}

/**
 * Escalation rungs that fired (升级次数).
 *
 * @example
 * const figure: Escalations = { total: 3, byRung: { '1': 2, '2': 1 }, reassignments: 1, autoActions: 0 };
 */
export interface Escalations {
  /** Rungs fired: each rung once, whatever it did (notify, reassign, act, move on, cancel). */
  readonly total: number;
  /** Rung number (1 = first rung) → times fired; rungs that notified nobody are not listed. */
  readonly byRung: Readonly<Record<string, number>>;
  /** Rungs that handed the work to someone else. */
  readonly reassignments: number;
  /** Rungs that took an automatic action. */
  readonly autoActions: number;
}

/**
 * The figures of one group.
 *
 * @example
 * report.groups.find((g) => g.key.department === 'rnd')?.onTimeCompletion.rate; // 0.9
 */
export interface KpiGroup {
  readonly key: KpiGroupKey;
  readonly onTimeCompletion: OnTimeCompletion;
  readonly responseTime: ResponseTime;
  readonly requirementResponse: RequirementResponse;
  readonly escalations: Escalations;
}

/**
 * The report `computeKpis` returns.
 *
 * @example
 * const report: KpiReport = computeKpis(projects, { groupBy: [] });
 * report.groups[0]?.requirementResponse.averageHours; // 18
 */
export interface KpiReport {
  /** The range measured, as ISO instants, when one was given. */
  readonly from?: string;
  readonly to?: string;
  /** How many projects were read (whether or not any of their facts fell in the range). */
  readonly generatedFrom: number;
  readonly timeZone: string;
  /** Groups that have at least one fact, sorted by key; exactly one group when `groupBy` is empty. */
  readonly groups: readonly KpiGroup[];
}

/**
 * Target of the on-time task completion rate, from the domain brief (≥ 85%).
 *
 * @example
 * rate >= ON_TIME_TARGET; // meets the target
 */
export const ON_TIME_TARGET = 0.85;

/**
 * Target of the requirement response time in hours, from the domain brief (≤ 24 h).
 *
 * @example
 * hours <= REQUIREMENT_TARGET_HOURS; // answered in time
 */
export const REQUIREMENT_TARGET_HOURS = 24;

/**
 * The company's zone: where its days, weeks and months begin.
 *
 * @example
 * periodOf(Date.now(), 'month', DEFAULT_TIME_ZONE); // '2026-12'
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * The department of a figure nothing names a department for.
 *
 * @example
 * report.groups.filter((g) => g.key.department === UNKNOWN_DEPARTMENT); // pass `sopOwners` to avoid these
 */
export const UNKNOWN_DEPARTMENT = '(unknown)';
