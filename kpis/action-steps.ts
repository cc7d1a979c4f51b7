/**
 * Which step each human action of a project's history was taken on. History entries of actions
 * do not name their step, so it is worked out from the state view's step visits.
 */
import type { ActionEntry, HistoryEntry } from '../api/history/history-entry';
import type { ProjectView } from '../workflows/project-view';

/**
 * One visit of a step: when the project entered it and, if it has, when it left. Epoch ms.
 *
 * @example
 * const visit: StepVisit = { step: 'requirement', enteredAt: Date.parse('2026-12-07T01:00:00Z') };
 */
export interface StepVisit {
  readonly step: string;
  readonly enteredAt: number;
  readonly exitedAt?: number;
}

/**
 * A human action with its time (epoch ms) and the step(s) it was taken on.
 *
 * @example
 * const first = attributeActions(view, history).find((a) => a.steps.includes('breakdown'));
 */
export interface AttributedAction {
  readonly entry: ActionEntry;
  readonly at: number;
  readonly steps: readonly string[];
}

/**
 * The step visits the view knows: completed steps and active ones. A step entered several times
 * (sent back) appears once, with its latest visit: that is all the view keeps.
 *
 * @example
 * stepVisits(view); // [{ step: 'requirement', enteredAt: …, exitedAt: … }, { step: 'breakdown', enteredAt: … }]
 */
export function stepVisits(view: ProjectView): StepVisit[] {
  return [
    ...view.completedSteps.map((s) => ({
      step: s.id,
      enteredAt: Date.parse(s.enteredAt),
      exitedAt: Date.parse(s.exitedAt),
    })),
    ...view.activeSteps.map((s) => ({ step: s.id, enteredAt: Date.parse(s.enteredAt) })),
  ];
}

/**
 * A person acted, not the engine (`@system`, an escalation rung's automatic action).
 *
 * @example
 * isHumanAction(entry); // true for { actor: { user: 'he.yun' } }, false for { actor: { user: '@system' } }
 */
export function isHumanAction(entry: ActionEntry): boolean {
  return !entry.actor.user.startsWith('@');
}

/**
 * Every human action of the history, oldest first, with the step(s) it was taken on.
 *
 * Why not simply "the steps whose visit contains the action's time": the view's step times are
 * the workflow's clock when it handled an event (the start of its workflow task), while the
 * history stamps an action when that task completed, milliseconds later. A submit that opens the
 * next step would then count as the first action on the step it opened. So the comparison point
 * is `before`: the time of the last entry the history recorded ahead of the action (or the
 * project's start). Everything recorded ahead of the action was recorded no later than its
 * workflow task began, and the steps the action itself opens are stamped with that beginning.
 *
 * A step counts as active for the action when it was entered strictly before `before` (or at the
 * project's start) and not left before it: `enteredAt < before <= exitedAt`. Strictly, because a
 * workflow task often starts in the very millisecond the previous one was recorded, so a step this
 * action opens can carry exactly `before`; a step an earlier task opened carries that task's start,
 * which came before anything the task recorded. Steps entered and left in the same instant
 * (choices, notices) get no actions.
 *
 * An action that names a task is kept to the task's step. With parallel steps active, an action
 * that names no task is narrowed down, since its history entry does not say which step it
 * addressed: first to the steps whose latest `assigned` notification named the actor (or the
 * one they act for), then to those the action left (no longer in its `result`); what remains
 * after that (say, two parallel approvals of one person, neither finished) each get the action.
 *
 * @example
 * attributeActions(view, history).map((a) => `${a.entry.type}@${a.steps.join('+')}`);
 * // ['submit@requirement', 'submit@breakdown', 'task.update@progress', …]
 */
export function attributeActions(view: ProjectView, history: readonly HistoryEntry[]): AttributedAction[] {
  const visits = stepVisits(view);
  const startedAt = Date.parse(view.startedAt);
  const taskSteps = new Map<string, Set<string>>();
  for (const task of view.tasks) taskSteps.set(task.id, (taskSteps.get(task.id) ?? new Set()).add(task.step));
  const assigned = new Map<string, readonly string[]>();
  const attributed: AttributedAction[] = [];
  let before = startedAt;
  for (const entry of history) {
    if (entry.kind === 'notification' && entry.reason === 'assigned')
      assigned.set(entry.step, entry.recipients);
    if (entry.kind === 'action' && isHumanAction(entry)) {
      const active = visits
        .filter(
          (v) =>
            (v.enteredAt < before || v.enteredAt === startedAt) &&
            (v.exitedAt === undefined || before <= v.exitedAt),
        )
        .map((v) => v.step);
      const steps =
        entry.task === undefined
          ? narrow(entry, active, assigned)
          : taskStepsOf(entry.task, active, taskSteps);
      attributed.push({ entry, at: Date.parse(entry.at), steps });
    }
    before = Math.max(before, Date.parse(entry.at));
  }
  return attributed;
}

/** The step(s) of the task an action names, among the active ones. */
function taskStepsOf(
  task: string,
  active: readonly string[],
  taskSteps: ReadonlyMap<string, ReadonlySet<string>>,
): readonly string[] {
  const owning = taskSteps.get(task);
  if (!owning) return [];
  const steps = active.filter((s) => owning.has(s));
  // A task lives in one step almost always; trust it when timing alone cannot tell.
  return steps.length > 0 || owning.size !== 1 ? steps : [...owning];
}

/** Of several active steps, those a task-less action most likely addressed (see `attributeActions`). */
function narrow(
  entry: ActionEntry,
  active: readonly string[],
  assigned: ReadonlyMap<string, readonly string[]>,
): readonly string[] {
  if (active.length <= 1) return active;
  const actor = [entry.actor.user, entry.actor.onBehalfOf];
  const theirs = active.filter((s) => assigned.get(s)?.some((r) => actor.includes(r)));
  const candidates = theirs.length > 0 ? theirs : active;
  const left = entry.result ? candidates.filter((s) => !entry.result?.steps.includes(s)) : [];
  return left.length > 0 ? left : candidates;
}
