/**
 * Figures from facts: rates, means and medians of one group. Pure arithmetic, no rounding, so a
 * report can be re-aggregated or formatted as the reader likes.
 */
import type { KpiFact } from './facts/fact';
import {
  ON_TIME_TARGET,
  REQUIREMENT_TARGET_HOURS,
  type Escalations,
  type KpiGroup,
  type KpiGroupKey,
  type OnTimeCompletion,
  type RequirementResponse,
  type ResponseTime,
} from './types';

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * The median: the middle value, or the mean of the two middle values; `null` for no values.
 *
 * @example
 * median([3, 1, 2]); // 2
 * median([4, 1, 3, 2]); // 2.5
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

function onTimeCompletion(facts: readonly KpiFact[]): OnTimeCompletion {
  const completions = facts.filter((f) => f.kind === 'completion');
  const onTime = completions.filter((f) => f.onTime).length;
  const rate = completions.length > 0 ? onTime / completions.length : null;
  return {
    completed: completions.length,
    onTime,
    rate,
    target: ON_TIME_TARGET,
    meetsTarget: rate === null ? null : rate >= ON_TIME_TARGET,
  };
}

function responseTime(facts: readonly KpiFact[]): ResponseTime {
  const minutes = facts.flatMap((f) => (f.kind === 'response' ? [f.minutes] : []));
  return {
    samples: minutes.length,
    averageMinutes: minutes.length > 0 ? mean(minutes) : null,
    medianMinutes: median(minutes),
  };
}

function requirementResponse(facts: readonly KpiFact[]): RequirementResponse {
  const hours = facts.flatMap((f) => (f.kind === 'requirement' ? [f.hours] : []));
  const average = hours.length > 0 ? mean(hours) : null;
  return {
    samples: hours.length,
    averageHours: average,
    withinTargetRate:
      hours.length > 0 ? hours.filter((h) => h <= REQUIREMENT_TARGET_HOURS).length / hours.length : null,
    targetHours: REQUIREMENT_TARGET_HOURS,
    meetsTarget: average === null ? null : average <= REQUIREMENT_TARGET_HOURS,
  };
}

function escalations(facts: readonly KpiFact[]): Escalations {
  const byRung: Record<string, number> = {};
  let total = 0;
  let reassignments = 0;
  let autoActions = 0;
  for (const fact of facts) {
    if (fact.kind !== 'escalation') continue;
    total++;
    if (fact.rung !== undefined) byRung[String(fact.rung)] = (byRung[String(fact.rung)] ?? 0) + 1;
    if (fact.reassigned) reassignments++;
    if (fact.autoAction) autoActions++;
  }
  return { total, byRung, reassignments, autoActions };
}

/**
 * The figures of one group of facts.
 *
 * @example
 * summarise({ sop: 'new-product-launch' }, facts).onTimeCompletion.rate; // 0.9
 */
export function summarise(key: KpiGroupKey, facts: readonly KpiFact[]): KpiGroup {
  return {
    key,
    onTimeCompletion: onTimeCompletion(facts),
    responseTime: responseTime(facts),
    requirementResponse: requirementResponse(facts),
    escalations: escalations(facts),
  };
}
