import type { EscalationRung, ReminderSpec, RecurringSpec } from '../model/sop';
import { addTransitions, type StateConfig, type TransitionConfig } from './machine-types';
import { delayNames, internalEvents, targetOf } from '../model/machine-names';

/** Placeholder target of a `cancel: true` rung, replaced by the SOP's cancelled final step (compile-sop.ts). */
export const CANCEL_TARGET = '#sop.cancel';

/** The timer-related fields of a step, whatever its kind. */
export interface StepTimers {
  readonly hasDeadline: boolean;
  readonly reminders?: readonly ReminderSpec[];
  readonly escalation?: readonly EscalationRung[];
  readonly recurring?: readonly RecurringSpec[];
}

/**
 * Adds a step's deadline, reminders, escalation ladder and recurring obligations to its state node.
 *
 * Fixed-offset timers (reminder before the deadline, the deadline, each rung) are XState `after`
 * transitions: XState schedules them on entry and cancels them on exit. Repeating timers
 * (`every …` reminders, recurring obligations) re-arm themselves with a delayed `raise`, so the
 * entry action arms them and the exit action cancels them.
 */
export function addStepTimers(node: StateConfig, step: string, timers: StepTimers): void {
  const after: Record<string, TransitionConfig[]> = node.after ?? {};
  const on: Record<string, TransitionConfig[]> = node.on ?? {};
  let repeating = false;

  if (timers.hasDeadline) {
    (timers.reminders ?? []).forEach((reminder, index) => {
      const action = { type: 'sop.remind', params: { step, reminder: index } };
      if ('before' in reminder) {
        addTransitions(after, delayNames.reminder(step, index), [{ actions: [action] }]);
      }
    });
    addTransitions(after, delayNames.deadline(step), [
      { actions: [{ type: 'sop.deadline', params: { step } }] },
    ]);
    (timers.escalation ?? []).forEach((rung, index) => {
      const transition: TransitionConfig = {
        actions: [{ type: 'sop.escalate', params: { step, rung: index } }],
        ...(rung.goto ? { target: targetOf(rung.goto) } : rung.cancel ? { target: CANCEL_TARGET } : {}),
      };
      addTransitions(after, delayNames.rung(step, index), [transition]);
    });
  }
  (timers.reminders ?? []).forEach((reminder, index) => {
    if (!('every' in reminder)) return;
    repeating = true;
    addTransitions(on, internalEvents.every(step, index), [
      { actions: [{ type: 'sop.repeatReminder', params: { step, reminder: index } }] },
    ]);
  });
  for (const recurring of timers.recurring ?? []) {
    repeating = true;
    addTransitions(on, internalEvents.recurring(step, recurring.id), [
      { actions: [{ type: 'sop.recur', params: { step, recurring: recurring.id } }] },
    ]);
  }
  if ((timers.recurring ?? []).some((r) => r.expect)) {
    addTransitions(on, 'recurring.submit', [
      {
        guard: { type: 'sop.accepts', params: { step, event: 'recurring.submit' } },
        actions: [{ type: 'sop.submitRecurring', params: { step } }],
      },
    ]);
  }
  if (repeating) {
    node.entry = [...(node.entry ?? []), { type: 'sop.armRepeating', params: { step } }];
    node.exit = [...(node.exit ?? []), { type: 'sop.disarmRepeating', params: { step } }];
  }
  if (Object.keys(after).length > 0) node.after = after;
  if (Object.keys(on).length > 0) node.on = on;
}
