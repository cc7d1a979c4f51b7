import type { CompiledSop } from '../../model/compiled';
import { internalEvents } from '../../model/machine-names';
import type { TasksStep } from '../../model/sop';
import { addDuration } from '../../time';
import { channelsOf, type ActionHandler, type ActionPlan, type EffectDraft } from '../action-plan';
import type { SopContext, TaskState } from '../context';
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
export type TaskTimerKind = 'reminder' | 'every' | 'deadline' | 'rung' | 'ack';

type Scheduled = NonNullable<ActionPlan['schedule']>[number];

export function taskTimerId(step: string, task: string, timer: TaskTimerKind, index: number): string {
  return `${step}/${task}/${timer}/${index}`;
}

/** Every id a task's timers may be scheduled under (cancelling an unscheduled id is harmless). */
export function taskTimerIds(step: TasksStep, stepId: string, taskId: string): string[] {
  return [
    ...(step.taskDefaults?.reminders ?? []).map((r, i) =>
      taskTimerId(stepId, taskId, 'every' in r ? 'every' : 'reminder', i),
    ),
    ...dueTimerIds(step, stepId, taskId),
    taskTimerId(stepId, taskId, 'ack', 0),
  ];
}

/** The timers that hang off the due date (they stop while a paused clock stands still). */
export function dueTimerIds(step: TasksStep, stepId: string, taskId: string): string[] {
  return [
    ...(step.taskDefaults?.reminders ?? []).flatMap((r, i) =>
      'before' in r ? [taskTimerId(stepId, taskId, 'reminder', i)] : [],
    ),
    taskTimerId(stepId, taskId, 'deadline', 0),
    ...(step.taskDefaults?.escalation ?? []).map((_, i) => taskTimerId(stepId, taskId, 'rung', i)),
  ];
}

function timerEvent(stepId: string, task: string, timer: TaskTimerKind, index: number) {
  return { type: internalEvents.taskTimer(stepId), task, timer, index };
}

/** Timers counted from the due date: reminders before it, the deadline, the escalation ladder. */
export function dueTimerSchedule(
  compiled: CompiledSop,
  stepId: string,
  step: TasksStep,
  task: TaskState,
  now: number,
): Scheduled[] {
  if (task.dueAt - now >= NEVER_MS) return [];
  const zone = timeContextOf(compiled);
  const out: Scheduled[] = [];
  const add = (timer: TaskTimerKind, index: number, at: number) => {
    if (task.fired.includes(`${timer}/${index}`)) return;
    out.push({
      id: taskTimerId(stepId, task.id, timer, index),
      event: timerEvent(stepId, task.id, timer, index),
      at,
    });
  };
  (step.taskDefaults?.reminders ?? []).forEach((reminder, index) => {
    if (!('before' in reminder)) return;
    const at = subtractDuration(task.dueAt, durationOf(reminder.before), zone);
    if (at > now) add('reminder', index, at);
  });
  add('deadline', 0, task.dueAt);
  (step.taskDefaults?.escalation ?? []).forEach((rung, index) =>
    add('rung', index, rungAt(task.dueAt, rung.after, zone)),
  );
  return out;
}

/** The timers a new task arms: acknowledgement SLA, check-ins, and everything counted from its due date. */
export function taskTimerSchedule(
  compiled: CompiledSop,
  stepId: string,
  step: TasksStep,
  task: TaskState,
  now: number,
): Scheduled[] {
  const zone = timeContextOf(compiled);
  const out: Scheduled[] = [];
  const ack = step.taskDefaults?.acknowledge;
  if (ack && task.acknowledgedAt === undefined) {
    out.push({
      id: taskTimerId(stepId, task.id, 'ack', 0),
      event: timerEvent(stepId, task.id, 'ack', 0),
      at: addDuration(task.createdAt, durationOf(ack.within), zone),
    });
  }
  (step.taskDefaults?.reminders ?? []).forEach((reminder, index) => {
    if ('every' in reminder) {
      out.push({
        id: taskTimerId(stepId, task.id, 'every', index),
        event: timerEvent(stepId, task.id, 'every', index),
        at: nextRecurrenceAt(reminder.every, now, zone),
      });
    }
  });
  return [...out, ...dueTimerSchedule(compiled, stepId, step, task, now)];
}

function markFired(
  tasks: SopContext['tasks'],
  stepId: string,
  task: TaskState,
  key: string,
): SopContext['tasks'] {
  return withTask(tasks, stepId, task.id, (t) => ({ ...t, fired: [...t.fired, key] }));
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
  const defaults = step.taskDefaults;
  const notify = (
    spec: { readonly notify: readonly string[]; readonly channels?: readonly string[] },
    reason: 'reminder' | 'check-in' | 'escalation' | 'ack-overdue',
    message: string,
    rung?: number,
  ): EffectDraft => ({
    kind: 'notify',
    reason,
    step: stepId,
    task: task.id,
    refs: spec.notify,
    to: resolveRefs(spec.notify, context, scope),
    message,
    ...channelsOf(spec),
    ...(rung !== undefined ? { rung } : {}),
  });
  const tasks = markFired(context.tasks, stepId, task, `${timer}/${index}`);

  if (timer === 'ack') {
    const ack = defaults?.acknowledge;
    if (!ack || task.acknowledgedAt !== undefined) return {};
    const message = ack.message ?? defaultMessage(compiled, 'ackOverdue', { title: task.name });
    return { context: { tasks }, effects: [notify(ack, 'ack-overdue', message)] };
  }
  if (timer === 'deadline') {
    const overdue = withTask(tasks, stepId, task.id, (t) => ({ ...t, overdue: true }));
    const detail = defaultMessage(compiled, 'overdue', { title: task.name });
    return {
      context: { tasks: overdue },
      effects: [{ kind: 'record', what: 'overdue', step: stepId, task: task.id, detail }],
    };
  }
  if (timer === 'reminder') {
    const reminder = defaults?.reminders?.[index];
    if (!reminder) return {};
    const message = reminder.message ?? defaultMessage(compiled, 'reminder', { title: task.name });
    return { context: { tasks }, effects: [notify(reminder, 'reminder', message)] };
  }
  if (timer === 'every') {
    const reminder = defaults?.reminders?.[index];
    if (!reminder || !('every' in reminder)) return {};
    return {
      effects: [
        notify(
          reminder,
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
  return escalateTask({ compiled, context, now, stepId, step, task, index, tasks, notify });
};

/** A rung of a task's ladder: notify, hand the task to someone else, or cancel it. */
function escalateTask(input: {
  compiled: CompiledSop;
  context: SopContext;
  now: number;
  stepId: string;
  step: TasksStep;
  task: TaskState;
  index: number;
  tasks: SopContext['tasks'];
  notify: (
    spec: { readonly notify: readonly string[]; readonly channels?: readonly string[] },
    reason: 'escalation',
    message: string,
    rung?: number,
  ) => EffectDraft;
}): ActionPlan {
  const { compiled, context, stepId, step, task, index, notify } = input;
  const rung = step.taskDefaults?.escalation?.[index];
  if (!rung) return {};
  const effects: EffectDraft[] = [];
  let tasks = input.tasks;
  if (rung.notify && rung.notify.length > 0) {
    const message =
      rung.message ?? defaultMessage(compiled, 'escalation', { title: task.name, rung: index + 1 });
    effects.push(notify({ notify: rung.notify, ...channelsOf(rung) }, 'escalation', message, index));
  }
  if (rung.reassign) {
    const owner = resolveRefs([rung.reassign], context, { step: stepId, task })[0];
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
  if (rung.cancel) {
    tasks = withTask(tasks, stepId, task.id, (t) => ({ ...t, status: 'cancelled', updatedAt: input.now }));
    effects.push({
      kind: 'record',
      what: 'cancelled',
      step: stepId,
      task: task.id,
      detail: 'task cancelled by its escalation ladder',
    });
    return { context: { tasks }, effects, cancel: taskTimerIds(step, stepId, task.id) };
  }
  return { context: { tasks }, effects };
}
