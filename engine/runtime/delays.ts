import type { CompiledSop } from '../model/compiled';
import { delayNames } from '../model/machine-names';
import type { Step } from '../model/sop';
import { stepTimerAt } from './actions/step-actions';
import type { SopContext, SopEvent } from './context';
import { nowOf } from './clock';
import { NEVER_MS } from './deadlines';
import { stepIndexOf } from './step-index';

type DelayFn = (args: { context: SopContext; event: SopEvent }) => number;

function humanTimers(step: Step): { reminders: number; rungs: number } | undefined {
  if (step.kind !== 'form' && step.kind !== 'tasks' && step.kind !== 'approval') return undefined;
  if (step.deadline === undefined) return undefined;
  return { reminders: step.reminders?.length ?? 0, rungs: step.escalation?.length ?? 0 };
}

/**
 * Named delays of the compiled machine. Each is computed on entry from the step's recorded due
 * time (set by `sop.enterStep` just before XState schedules `after` timers) and the event's time.
 */
export function buildDelays(compiled: CompiledSop): Record<string, DelayFn> {
  const delays: Record<string, DelayFn> = {};
  for (const [id, step] of stepIndexOf(compiled)) {
    const fromDue =
      (timer: Parameters<typeof stepTimerAt>[3]): DelayFn =>
      ({ context, event }) => {
        const dueAt = context.steps[id]?.dueAt;
        if (dueAt === undefined) return NEVER_MS;
        return Math.max(0, stepTimerAt(compiled, dueAt, step, timer) - nowOf(event, context));
      };
    const timers = humanTimers(step);
    if (timers) {
      delays[delayNames.deadline(id)] = fromDue({ kind: 'deadline' });
      for (let i = 0; i < timers.reminders; i++)
        delays[delayNames.reminder(id, i)] = fromDue({ kind: 'reminder', index: i });
      for (let i = 0; i < timers.rungs; i++)
        delays[delayNames.rung(id, i)] = fromDue({ kind: 'rung', index: i });
    }
    if (step.kind === 'wait' && step.until !== undefined)
      delays[delayNames.until(id)] = fromDue({ kind: 'deadline' });
  }
  return delays;
}
