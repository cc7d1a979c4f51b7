import type { CompiledSop } from '../../model/compiled';
import { internalEvents } from '../../model/machine-names';
import type { TasksStep } from '../../model/sop';
import type { ActionHandler, ActionPlan, EffectDraft } from '../action-plan';
import type { TaskState } from '../context';
import {
  durationOf,
  nextRecurrenceAt,
  NEVER_MS,
  rungAt,
  subtractDuration,
  timeContextOf,
} from '../deadlines';
import { defaultMessage } from '../messages';
import { resolveRefs } from '../participants';
import { stepOf } from '../step-index';
import { isClosed, withTask } from '../tasks-state';

/** Which of a task's timers fired. */
export type TaskTimerKind = 'reminder' | 'every' | 'deadline' | 'rung';

export function taskTimerId(step: string, task: string, timer: TaskTimerKind, index: number): string {
  return `${step}/${task}/${timer}/${index}`;
}

/** Every id a task's timers may be scheduled under (cancelling an unscheduled id is harmless). */
export function taskTimerIds(step: TasksStep, stepId: string, taskId: string): string[] {
  const defaults = step.taskDefaults;
  return [
    ...(defaults?.reminders ?? []).map((r, i) =>
      taskTimerId(stepId, taskId, 'every' in r ? 'every' : 'reminder', i),
    ),
    taskTimerId(stepId, taskId, 'deadline', 0),
    ...(defaults?.escalation ?? []).map((_, i) => taskTimerId(stepId, taskId, 'rung', i)),
  ];
}

function timerEvent(stepId: string, task: string, timer: TaskTimerKind, index: number) {
  return { type: internalEvents.taskTimer(stepId), task, timer, index };
}

/** The timers a new task arms: reminders before due, repeating check-ins, its deadline and ladder. */
export function taskTimerSchedule(
  compiled: CompiledSop,
  stepId: string,
  step: TasksStep,
  task: TaskState,
  now: number,
): NonNullable<ActionPlan['schedule']>[number][] {
  const zone = timeContextOf(compiled);
  const hasDue = task.dueAt - now < NEVER_MS;
  const out: NonNullable<ActionPlan['schedule']>[number][] = [];
  const add = (timer: TaskTimerKind, index: number, at: number) =>
    out.push({
      id: taskTimerId(stepId, task.id, timer, index),
      event: timerEvent(stepId, task.id, timer, index),
      at,
    });
  (step.taskDefaults?.reminders ?? []).forEach((reminder, index) => {
    if ('every' in reminder) add('every', index, nextRecurrenceAt(reminder.every, now, zone));
    else if (hasDue) {
      const at = subtractDuration(task.dueAt, durationOf(reminder.before), zone);
      if (at > now) add('reminder', index, at);
    }
  });
  if (hasDue) {
    add('deadline', 0, task.dueAt);
    (step.taskDefaults?.escalation ?? []).forEach((rung, index) =>
      add('rung', index, rungAt(task.dueAt, rung.after, zone)),
    );
  }
  return out;
}

/** One of a task's timers fires; nothing happens for a task already done or cancelled. */
export const taskTimer: ActionHandler<{ step: string }> = (
  { compiled, context, event, now },
  { step: stepId },
) => {
  const step = stepOf(compiled, stepId);
  if (step.kind !== 'tasks') return {};
  const task = (context.tasks[stepId] ?? []).find((t) => t.id === event.task);
  if (!task || isClosed(task)) return {};
  const timer = event.timer as TaskTimerKind;
  const index = typeof event.index === 'number' ? event.index : 0;
  const scope = { step: stepId, task };
  const notify = (
    refs: readonly string[],
    reason: 'reminder' | 'check-in' | 'escalation',
    message: string,
    rung?: number,
  ): EffectDraft => ({
    kind: 'notify',
    reason,
    step: stepId,
    task: task.id,
    refs,
    to: resolveRefs(refs, context, scope),
    message,
    ...(rung !== undefined ? { rung } : {}),
  });
  const defaults = step.taskDefaults;
  if (timer === 'deadline') {
    return {
      context: { tasks: withTask(context.tasks, stepId, task.id, (t) => ({ ...t, overdue: true })) },
      effects: [
        {
          kind: 'record',
          what: 'overdue',
          step: stepId,
          task: task.id,
          detail: defaultMessage(compiled, 'overdue', { title: task.name }),
        },
      ],
    };
  }
  if (timer === 'reminder') {
    const reminder = defaults?.reminders?.[index];
    if (!reminder) return {};
    return {
      effects: [
        notify(
          reminder.notify,
          'reminder',
          reminder.message ?? defaultMessage(compiled, 'reminder', { title: task.name }),
        ),
      ],
    };
  }
  if (timer === 'every') {
    const reminder = defaults?.reminders?.[index];
    if (!reminder || !('every' in reminder)) return {};
    return {
      effects: [
        notify(
          reminder.notify,
          'check-in',
          reminder.message ?? defaultMessage(compiled, 'checkIn', { title: task.name }),
        ),
      ],
      schedule: [
        {
          id: taskTimerId(stepId, task.id, 'every', index),
          event: timerEvent(stepId, task.id, 'every', index),
          at: nextRecurrenceAt(reminder.every, now, timeContextOf(compiled)),
        },
      ],
    };
  }
  const rung = defaults?.escalation?.[index];
  if (!rung) return {};
  const effects: EffectDraft[] = [];
  let tasks = context.tasks;
  if (rung.notify && rung.notify.length > 0) {
    effects.push(
      notify(
        rung.notify,
        'escalation',
        rung.message ?? defaultMessage(compiled, 'escalation', { title: task.name, rung: index + 1 }),
        index,
      ),
    );
  }
  if (rung.reassign) {
    const owner = resolveRefs([rung.reassign], context, scope)[0];
    if (owner) {
      tasks = withTask(tasks, stepId, task.id, (t) => ({ ...t, owner }));
      effects.push({
        kind: 'record',
        what: 'reassigned',
        step: stepId,
        task: task.id,
        detail: `task reassigned to ${owner}`,
      });
    }
  }
  return { context: { tasks }, effects };
};
