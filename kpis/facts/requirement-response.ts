import type { HistoryEntry } from '../../api/history/history-entry';
import { isHumanAction, stepVisits } from '../action-steps';
import type { ProjectScope, RequirementFact } from './fact';

const HOUR = 3_600_000;

/**
 * The steps the project started in: those the view shows entered at the start, plus those named
 * by what the project recorded at kickoff, before any action or timer (the `assigned`
 * notification of its first step). The second source matters when the first step was sent back
 * and entered again: the view then only knows the later visit.
 */
function kickoffSteps(scope: ProjectScope): Set<string> {
  const startedAt = Date.parse(scope.record.view.startedAt);
  const steps = new Set(
    stepVisits(scope.record.view)
      .filter((v) => v.enteredAt === startedAt)
      .map((v) => v.step),
  );
  for (const entry of scope.record.history) {
    if (entry.kind === 'action' || entry.kind === 'timer') break;
    if (entry.kind === 'notification' || entry.kind === 'record') steps.add(entry.step);
  }
  return steps;
}

/** An escalation rung moved the project away from (or cancelled) one of these steps. */
function leftByEscalation(entry: HistoryEntry, steps: ReadonlySet<string>): boolean {
  return (
    entry.kind === 'record' &&
    (entry.what === 'escalated-to-step' || entry.what === 'cancelled') &&
    entry.task === undefined &&
    steps.has(entry.step)
  );
}

/**
 * The requirement response (需求响应) of one project, in hours: from the project's start
 * (`view.startedAt`, when the requirement step opened) to the first human `submit` — provided it
 * was made while the project was still in the step it started in. In the shipped SOPs that first
 * step is the requirement form (new-product-launch `requirement`, change-request `request`,
 * incident-response `acknowledge`). A project whose first step was left otherwise (cancelled,
 * escalated elsewhere, or it starts with an approval) gives no sample; so does one not yet
 * answered. Wall-clock hours, not working hours: the target says "within 24 h". Dated by the
 * submission; department = the project's lead department.
 *
 * @example
 * requirementResponse(scope); // [{ kind: 'requirement', hours: 3, department: 'marketing', … }]
 */
export function requirementResponse(scope: ProjectScope): RequirementFact[] {
  const startedAt = Date.parse(scope.record.view.startedAt);
  const first = kickoffSteps(scope);
  for (const entry of scope.record.history) {
    if (leftByEscalation(entry, first)) return [];
    if (entry.kind !== 'action' || !isHumanAction(entry)) continue;
    if (entry.type === 'submit') {
      const at = Date.parse(entry.at);
      return [
        {
          kind: 'requirement',
          at,
          sop: scope.sop,
          department: scope.department,
          hours: (at - startedAt) / HOUR,
        },
      ];
    }
    // Any other action that took the project out of its first step ends the search.
    if (entry.result && !entry.result.steps.some((s) => first.has(s))) return [];
  }
  return [];
}
