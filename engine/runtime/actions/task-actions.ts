import type { TasksStep, TaskStatus } from '../../model/sop';
import { channelsOf, type ActionHandler, type ActionPlan, type EffectDraft } from '../action-plan';
import type { SopContext, TaskState } from '../context';
import { defaultMessage } from '../messages';
import { readPath, resolveRefs } from '../participants';
import { stepOf } from '../step-index';
import { createTask, isClosed, withTask } from '../tasks-state';
import { markFirstAction } from './form-actions';
import { acknowledgeTask, changeTaskStatus } from './task-clock';
import { taskTimerIds, taskTimerSchedule } from './task-timers';

type StepParams = { step: string };

function tasksStep(compiled: Parameters<ActionHandler<StepParams>>[0]['compiled'], id: string): TasksStep {
  const step = stepOf(compiled, id);
  if (step.kind !== 'tasks') throw new Error(`[NOT_A_TASKS_STEP] step '${id}' is a ${step.kind} step`);
  return step;
}

function withMembers(context: SopContext, tasks: readonly TaskState[]): string[] {
  const members = new Set(context.members);
  for (const task of tasks) {
    members.add(task.owner);
    for (const c of task.collaborators) members.add(c);
  }
  return [...members];
}

/** Adds tasks: context, member list, their timers and a notification to each owner. */
function addTasks(
  input: Parameters<ActionHandler<StepParams>>[0],
  id: string,
  step: TasksStep,
  items: readonly Record<string, unknown>[],
): ActionPlan {
  const { compiled, context, now } = input;
  const existing = context.tasks[id] ?? [];
  const created = items.map((data, i) =>
    createTask(compiled, context, step, data, `t${existing.length + i + 1}`, now),
  );
  const effects: EffectDraft[] = created.map((task) => ({
    kind: 'notify',
    reason: 'task-assigned',
    step: id,
    task: task.id,
    refs: ['task.owner', 'task.collaborators'],
    to: [task.owner, ...task.collaborators.filter((c) => c !== task.owner)],
    message: defaultMessage(compiled, 'taskAssigned', { title: task.name }),
  }));
  return {
    context: {
      tasks: { ...context.tasks, [id]: [...existing, ...created] },
      members: withMembers(context, created),
    },
    effects,
    schedule: created.flatMap((task) => taskTimerSchedule(compiled, id, step, task, now)),
  };
}

/** On entry, a tasks step takes the `tasks` array of the form named in `tasksFrom`. */
export const seedTasks: ActionHandler<StepParams> = (input, { step: id }) => {
  const step = tasksStep(input.compiled, id);
  if (!step.tasksFrom) return {};
  const items = readPath(input.context.forms[step.tasksFrom], 'tasks');
  if (!Array.isArray(items)) return {};
  return addTasks(input, id, step, items as Record<string, unknown>[]);
};

export const addTask: ActionHandler<StepParams> = (input, { step: id }) => {
  const plan = addTasks(input, id, tasksStep(input.compiled, id), [
    (input.event.data ?? {}) as Record<string, unknown>,
  ]);
  const steps = markFirstAction(input.context, id, input.now);
  return { ...plan, context: { ...plan.context, steps } };
};

/** A status update; finishing a task stops its reminders and escalations, blocking may pause its clock. */
export const updateTask: ActionHandler<StepParams> = (input, { step: id }) => {
  const plan = changeTaskStatus(
    input,
    id,
    tasksStep(input.compiled, id),
    String(input.event.task),
    input.event.status as TaskStatus,
  );
  return { ...plan, context: { ...plan.context, steps: markFirstAction(input.context, id, input.now) } };
};

/** The owner acknowledges a new task (acknowledgement SLA). */
export const acknowledge: ActionHandler<StepParams> = (input, { step: id }) => {
  const plan = acknowledgeTask(input, id, String(input.event.task));
  return { ...plan, context: { ...plan.context, steps: markFirstAction(input.context, id, input.now) } };
};

/** A blocked task asks for help: the heads of its departments hear about it at once. */
export const flagNeedsHelp: ActionHandler<StepParams> = ({ compiled, context, event, now }, { step: id }) => {
  const step = tasksStep(compiled, id);
  const taskId = String(event.task);
  const tasks = withTask(context.tasks, id, taskId, (t) => ({ ...t, needsHelp: true, updatedAt: now }));
  const task = (tasks[id] ?? []).find((t) => t.id === taskId);
  if (!task) return {};
  const refs = step.needsHelp?.notify ?? ['task.leadHead', 'task.collaboratingHeads'];
  const note = typeof event.comment === 'string' && event.comment !== '' ? `: ${event.comment}` : '';
  return {
    context: { tasks },
    effects: [
      {
        kind: 'notify',
        reason: 'needs-help',
        ...channelsOf(step.needsHelp),
        step: id,
        task: taskId,
        refs,
        to: resolveRefs(refs, context, { step: id, task }),
        message: defaultMessage(compiled, 'needsHelp', { title: task.name }) + note,
      },
    ],
  };
};

export const cancelTask: ActionHandler<StepParams> = ({ compiled, context, event, now }, { step: id }) => {
  const taskId = String(event.task);
  return {
    context: {
      tasks: withTask(context.tasks, id, taskId, (t) => ({ ...t, status: 'cancelled', updatedAt: now })),
    },
    cancel: taskTimerIds(tasksStep(compiled, id), id, taskId),
  };
};

/** Leaving the step stops every task timer still pending. */
export const disarmTasks: ActionHandler<StepParams> = ({ compiled, context }, { step: id }) => {
  const step = tasksStep(compiled, id);
  return {
    cancel: (context.tasks[id] ?? [])
      .filter((t) => !isClosed(t))
      .flatMap((t) => taskTimerIds(step, id, t.id)),
  };
};
