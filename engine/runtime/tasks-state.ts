import type { CompiledSop } from '../model/compiled';
import type { TaskPriority, TasksStep } from '../model/sop';
import type { SopContext, TaskState } from './context';
import { computeDueAt, instantOfDateValue, NEVER_MS, timeContextOf } from './deadlines';

/**
 * Departments taking part in the project: the SOP's owning department plus every lead and
 * collaborating department of every task, sorted. Retrospectives are asked of each of them.
 */
export function participatingDepartments(compiled: CompiledSop, context: SopContext): string[] {
  const departments = new Set<string>([compiled.document.owner]);
  for (const tasks of Object.values(context.tasks)) {
    for (const task of tasks) {
      departments.add(task.leadDepartment);
      for (const d of task.collaboratingDepartments) departments.add(d);
    }
  }
  return [...departments].sort();
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Builds a task from data already checked by the rules. Its due instant is the end of its `due`
 * date in the SOP's zone, or else the step's default deadline counted from now.
 */
export function createTask(
  compiled: CompiledSop,
  context: SopContext,
  step: TasksStep,
  data: Record<string, unknown>,
  id: string,
  now: number,
): TaskState {
  const zone = timeContextOf(compiled);
  const due = typeof data.due === 'string' ? data.due : undefined;
  const dueAt =
    (due !== undefined ? instantOfDateValue(due, zone.timeZone) : undefined) ??
    (step.taskDefaults?.deadline !== undefined
      ? computeDueAt(step.taskDefaults.deadline, now, { input: context.input, forms: context.forms }, zone)
      : undefined) ??
    now + NEVER_MS;
  return {
    id,
    name: String(data.name),
    ...(typeof data.module === 'string' ? { module: data.module } : {}),
    owner: String(data.owner),
    collaborators: strings(data.collaborators),
    leadDepartment: String(data.leadDepartment),
    collaboratingDepartments: strings(data.collaboratingDepartments),
    dueAt,
    ...(due !== undefined ? { due } : {}),
    priority: (typeof data.priority === 'string'
      ? data.priority
      : (step.taskDefaults?.priority ?? 'normal')) as TaskPriority,
    status: 'todo',
    needsHelp: false,
    createdAt: now,
    updatedAt: now,
    overdue: false,
    fired: [],
  };
}

/** Replaces one task in a step's list, returning the new tasks map. */
export function withTask(
  tasks: SopContext['tasks'],
  stepId: string,
  taskId: string,
  change: (task: TaskState) => TaskState,
): SopContext['tasks'] {
  return { ...tasks, [stepId]: (tasks[stepId] ?? []).map((t) => (t.id === taskId ? change(t) : t)) };
}

export function isClosed(task: TaskState): boolean {
  return task.status === 'done' || task.status === 'cancelled';
}
