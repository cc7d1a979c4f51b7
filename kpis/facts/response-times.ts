import type { ActionEntry } from '../../api/history/history-entry';
import type { TaskView } from '../../workflows/project-view';
import { stepVisits, type AttributedAction } from '../action-steps';
import type { ProjectScope, ResponseFact } from './fact';

const MINUTE = 60_000;

/** The owner acted, themselves or through someone acting on their behalf. */
function byOwner(entry: ActionEntry, owner: string): boolean {
  return entry.actor.user === owner || entry.actor.onBehalfOf === owner;
}

/** When the current owner got the task: its last reassignment by an escalation rung, else its creation. */
function assignedAt(scope: ProjectScope, task: TaskView): number {
  let at = Date.parse(task.createdAt);
  for (const entry of scope.record.history) {
    if (
      entry.kind === 'record' &&
      entry.what === 'reassigned' &&
      entry.step === task.step &&
      entry.task === task.id
    )
      at = Math.max(at, Date.parse(entry.at));
  }
  return at;
}

function taskResponse(scope: ProjectScope, task: TaskView, actions: readonly AttributedAction[]) {
  const from = assignedAt(scope, task);
  const acted = actions.find(
    (a) =>
      a.entry.task === task.id && a.steps.includes(task.step) && a.at >= from && byOwner(a.entry, task.owner),
  )?.at;
  // An acknowledgement before a reassignment was the previous owner's, not this one's.
  const acknowledgedAt = task.acknowledgedAt !== undefined ? Date.parse(task.acknowledgedAt) : undefined;
  const acknowledged = acknowledgedAt !== undefined && acknowledgedAt >= from ? acknowledgedAt : undefined;
  const candidates = [acted, acknowledged].filter((t): t is number => t !== undefined);
  return candidates.length > 0 ? { from, to: Math.min(...candidates) } : undefined;
}

/**
 * Response-time samples of one project, in minutes:
 * - a task: from its assignment (creation, or its last reassignment by an escalation rung) to
 *   the earlier of its acknowledgement (`acknowledgedAt`) and the first action naming the task
 *   by its current owner (or on the owner's behalf); department = the task's lead department;
 * - a step: from entering it to the first human action taken on it (see `attributeActions`),
 *   by anyone — as the engine's own `StepRecord.firstActionAt`; for a tasks step that is the
 *   first task update in it; department = the project's lead department.
 * Work nobody has answered yet gives no sample. Dated by the response.
 *
 * @example
 * responseTimes(scope, attributeActions(view, history)).map((f) => f.minutes); // [180, 60, 1440, …]
 */
export function responseTimes(scope: ProjectScope, actions: readonly AttributedAction[]): ResponseFact[] {
  const facts: ResponseFact[] = [];
  for (const task of scope.record.view.tasks) {
    const response = taskResponse(scope, task, actions);
    if (!response) continue;
    facts.push({
      kind: 'response',
      at: response.to,
      sop: scope.sop,
      department: task.leadDepartment,
      minutes: (response.to - response.from) / MINUTE,
    });
  }
  for (const visit of stepVisits(scope.record.view)) {
    const first = actions.find((a) => a.steps.includes(visit.step) && a.at >= visit.enteredAt);
    if (!first) continue;
    facts.push({
      kind: 'response',
      at: first.at,
      sop: scope.sop,
      department: scope.department,
      minutes: (first.at - visit.enteredAt) / MINUTE,
    });
  }
  return facts;
}
