import type { TasksStep, TaskStatus } from '../../model/sop';
import { addDuration, workingMinutesBetween } from '../../time';
import type { ActionInput, ActionPlan, EffectDraft } from '../action-plan';
import type { TaskState } from '../context';
import { timeContextOf } from '../deadlines';
import { isClosed, withTask } from '../tasks-state';
import { dueTimerIds, dueTimerSchedule, taskTimerId, taskTimerIds } from './task-timers';

/**
 * Applies a status change to a task: closes it (stopping its timers), pauses its clock when it
 * becomes blocked and the SOP says so, and resumes it (moving the due date by the working time
 * spent blocked) when it is unblocked. A first update by the owner also acknowledges the task.
 */
export function changeTaskStatus(
  input: ActionInput,
  stepId: string,
  step: TasksStep,
  taskId: string,
  status: TaskStatus,
): ActionPlan {
  const { compiled, context, event, now } = input;
  const before = (context.tasks[stepId] ?? []).find((t) => t.id === taskId);
  if (!before) return {};
  const effects: EffectDraft[] = [];
  const cancel: string[] = [];
  const schedule: NonNullable<ActionPlan['schedule']>[number][] = [];
  let next: TaskState = {
    ...before,
    status,
    updatedAt: now,
    needsHelp: status === 'blocked' ? before.needsHelp : false,
    ...(status === 'done' ? { completedAt: now } : {}),
  };
  if (next.acknowledgedAt === undefined && event.actor?.user === before.owner) {
    next = { ...next, acknowledgedAt: now };
    cancel.push(taskTimerId(stepId, taskId, 'ack', 0));
  }
  const pausing = step.taskDefaults?.pauseWhileBlocked === true;
  if (isClosed(next)) {
    cancel.push(...taskTimerIds(step, stepId, taskId));
  } else if (pausing && status === 'blocked' && before.pausedAt === undefined) {
    next = { ...next, pausedAt: now };
    cancel.push(...dueTimerIds(step, stepId, taskId));
    effects.push({
      kind: 'record',
      what: 'clock-paused',
      step: stepId,
      task: taskId,
      detail: 'blocked: the task clock stands still',
    });
  } else if (pausing && status !== 'blocked' && before.pausedAt !== undefined) {
    next = { ...next, dueAt: resumedDueAt(input, before), pausedAt: undefined };
    schedule.push(...dueTimerSchedule(compiled, stepId, step, next, now));
    effects.push({
      kind: 'record',
      what: 'clock-resumed',
      step: stepId,
      task: taskId,
      detail: `unblocked: due ${new Date(next.dueAt).toISOString()}`,
    });
  }
  const { pausedAt: _unused, ...withoutPause } = next;
  const stored = next.pausedAt === undefined ? withoutPause : next;
  return {
    context: { tasks: withTask(context.tasks, stepId, taskId, () => stored) },
    effects,
    cancel,
    schedule,
  };
}

/** The due date moved later by the time spent blocked: working time when the SOP has a calendar. */
function resumedDueAt(input: ActionInput, task: TaskState): number {
  const pausedAt = task.pausedAt ?? input.now;
  const zone = timeContextOf(input.compiled);
  if (!zone.calendar) return task.dueAt + (input.now - pausedAt);
  const minutes = workingMinutesBetween(pausedAt, input.now, zone.calendar);
  return minutes === 0 ? task.dueAt : addDuration(task.dueAt, { kind: 'workingMinutes', minutes }, zone);
}

/** The owner confirms they have taken the task on (acknowledgement SLA). */
export function acknowledgeTask(input: ActionInput, stepId: string, taskId: string): ActionPlan {
  const { context, now } = input;
  return {
    context: {
      tasks: withTask(context.tasks, stepId, taskId, (t) => ({ ...t, acknowledgedAt: now, updatedAt: now })),
    },
    effects: [
      {
        kind: 'record',
        what: 'acknowledged',
        step: stepId,
        task: taskId,
        detail: `acknowledged by ${input.event.actor?.user ?? 'unknown'}`,
      },
    ],
    cancel: [taskTimerId(stepId, taskId, 'ack', 0)],
  };
}
