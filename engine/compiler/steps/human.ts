import type { ApprovalStep, FormStep, TasksStep } from '../../model/sop';
import type { StateConfig } from '../machine-types';
import { addStepTimers } from '../timers';

/**
 * The parts every human step shares: entry records the step (assignees, due time) and announces
 * the assignment; exit closes the record; deadline, reminders, escalation and recurring timers.
 */
export function humanStepNode(id: string, step: FormStep | TasksStep | ApprovalStep): StateConfig {
  const node: StateConfig = {
    id,
    entry: [{ type: 'sop.enterStep', params: { step: id } }],
    exit: [{ type: 'sop.exitStep', params: { step: id } }],
  };
  addStepTimers(node, id, {
    hasDeadline: step.deadline !== undefined,
    ...(step.reminders ? { reminders: step.reminders } : {}),
    ...(step.escalation ? { escalation: step.escalation } : {}),
    ...(step.recurring ? { recurring: step.recurring } : {}),
  });
  return node;
}

/** A guard that asks the runtime's rules whether this step accepts the event as sent. */
export function acceptsGuard(step: string, event: string): { type: string; params: Record<string, unknown> } {
  return { type: 'sop.accepts', params: { step, event } };
}
