/**
 * KPIs and operational metrics.
 *
 * - `computeKpis`: the company's KPIs (on-time task completion, response time, requirement
 *   response time, escalations) from projects' state views and histories; see docs/kpis.md.
 * - `createMetrics`, `recordHttpMetrics`, `serveMetrics`: Prometheus metrics of the running API.
 */
export { computeKpis } from './compute-kpis';
export { attributeActions, stepVisits, type AttributedAction, type StepVisit } from './action-steps';
export { projectDepartment } from './project-department';
export { periodOf } from './periods';
export { projectFacts } from './facts/project-facts';
export type { KpiFact } from './facts/fact';
export {
  DEFAULT_TIME_ZONE,
  ON_TIME_TARGET,
  REQUIREMENT_TARGET_HOURS,
  UNKNOWN_DEPARTMENT,
  type Escalations,
  type KpiDimension,
  type KpiGroup,
  type KpiGroupKey,
  type KpiOptions,
  type KpiPeriod,
  type KpiReport,
  type OnTimeCompletion,
  type ProjectRecord,
  type RequirementResponse,
  type ResponseTime,
} from './types';
export { createMetrics, recordHttpMetrics, serveMetrics, type Metrics } from './metrics';
