import type { HistoryEntry } from '../../api/history/history-entry';
import { findTask, type EscalationFact, type ProjectScope } from './fact';

/** Records only an escalation rung writes (task or step ladder). */
const RUNG_RECORDS = new Set(['reassigned', 'auto-action', 'escalated-to-step', 'cancelled']);

type Firing = { -readonly [K in keyof EscalationFact]: EscalationFact[K] };

/** One rung's effects share their instant, step and task: they left the workflow together. */
const turnKey = (entry: { at: string; step: string; task?: string }) =>
  `${entry.at}|${entry.step}|${entry.task ?? ''}`;

function departmentOf(scope: ProjectScope, entry: { step: string; task?: string }): string {
  if (entry.task === undefined) return scope.department;
  return findTask(scope, entry.step, entry.task)?.leadDepartment ?? scope.department;
}

function firingOf(scope: ProjectScope, entry: { at: string; step: string; task?: string }): Firing {
  return {
    kind: 'escalation',
    at: Date.parse(entry.at),
    sop: scope.sop,
    department: departmentOf(scope, entry),
    reassigned: false,
    autoAction: false,
  };
}

/**
 * One fact per escalation rung that fired. A rung is seen in the history as a notification with
 * a `rung` (0-based there, 1-based here: "rung 1" is the first) and/or as the records it wrote
 * (`reassigned`, `auto-action`, `escalated-to-step`, `cancelled`); the records written in the same
 * turn, for the same step and task, as a rung's notification belong to that rung, so a rung that
 * notifies and reassigns counts once. A rung that notified nobody has no rung number. Dated by
 * the firing; department = the task's lead department for a task's ladder, else the project's.
 *
 * @example
 * escalations(scope).map((f) => f.rung); // [1, 1, 2]
 */
export function escalations(scope: ProjectScope): EscalationFact[] {
  const firings: Firing[] = [];
  const byTurn = new Map<string, Firing>();
  const history: readonly HistoryEntry[] = scope.record.history;
  for (const entry of history) {
    if (entry.kind !== 'notification' || entry.rung === undefined) continue;
    const firing = { ...firingOf(scope, entry), rung: entry.rung + 1 };
    firings.push(firing);
    byTurn.set(turnKey(entry), firing);
  }
  // Records second, so they find their rung's notification whatever order the turn wrote them in.
  for (const entry of history) {
    if (entry.kind !== 'record' || !RUNG_RECORDS.has(entry.what)) continue;
    let firing = byTurn.get(turnKey(entry));
    if (!firing) {
      firing = firingOf(scope, entry);
      firings.push(firing);
      byTurn.set(turnKey(entry), firing);
    }
    if (entry.what === 'reassigned') firing.reassigned = true;
    if (entry.what === 'auto-action') firing.autoAction = true;
  }
  return firings;
}
