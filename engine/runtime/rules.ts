import type { CompiledSop } from '../model/compiled';
import { TASK_STATUSES, type FormStep, type Step, type TasksStep, type TaskStatus } from '../model/sop';
import { SYSTEM_USER, type SopContext, type SopEvent, type TaskState } from './context';
import { approvalFlowOf, listFlowEvents } from '../model/approval-flow';
import { approvalRejection } from './approval/approval-rules';
import { checkFormData } from './form-data';
import { expectedTaskNames } from './naming-rule';
import { readPath, resolveRefs } from './participants';
import { stepIndexOf } from './step-index';
import { participatingDepartments } from './tasks-state';

/**
 * Why an action is refused. `code` tells an API how to answer: `NOT_ALLOWED` (the actor may not
 * do this: 403), `INVALID_DATA` (the data is wrong: 422), `UNKNOWN_TASK` (404), the rest (the
 * project is not in a state that accepts it: 409).
 */
export type RejectionCode =
  'NOT_ALLOWED' | 'INVALID_DATA' | 'UNKNOWN_TASK' | 'WRONG_STATE' | 'CONDITION_NOT_MET' | 'PROJECT_ENDED';

export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
}

const forbidden = (message: string): Rejection => ({ code: 'NOT_ALLOWED', message });
const invalid = (message: string): Rejection => ({ code: 'INVALID_DATA', message });
const conflict = (message: string): Rejection => ({ code: 'WRONG_STATE', message });

/**
 * The rules of every built-in human action. Each returns why the event is refused, or `undefined`
 * when it is accepted. Machine guards and the pre-history validators of the durable workflow both
 * call these, so both always agree.
 */
export function rejectionReason(
  compiled: CompiledSop,
  context: SopContext,
  stepId: string,
  event: SopEvent,
): Rejection | undefined {
  const step = stepIndexOf(compiled).get(stepId);
  if (!step) return conflict(`unknown step '${stepId}'`);
  if (typeof event.step === 'string' && event.step !== stepId) {
    return conflict(`the action is addressed to step '${event.step}', not '${stepId}'`);
  }
  const actor = event.actor?.user;
  if (typeof actor !== 'string' || actor === '')
    return forbidden(`'${event.type}' needs an actor (actor.user)`);
  const flow = approvalFlowOf(step);
  if (flow && listFlowEvents(flow).includes(event.type)) {
    return approvalRejection(compiled, context, stepId, flow, event, actor);
  }
  switch (event.type) {
    case 'submit':
      return step.kind === 'form'
        ? submitRejection(compiled, context, stepId, step, event, actor)
        : undefined;
    case 'approve':
    case 'reject':
      return decisionRejection(context, stepId, step, event, actor);
    case 'task.add':
      return step.kind === 'tasks' ? addTaskRejection(context, stepId, step, event.data, actor) : undefined;
    case 'task.update':
    case 'task.needsHelp':
    case 'task.cancel':
    case 'task.acknowledge':
      return step.kind === 'tasks' ? taskActionRejection(context, stepId, event, actor) : undefined;
    case 'recurring.submit':
      return recurringRejection(context, stepId, step, event, actor);
    default:
      return undefined;
  }
}

function recurringRejection(
  context: SopContext,
  stepId: string,
  step: Step,
  event: SopEvent,
  actor: string,
): Rejection | undefined {
  const id = readPath(event.data, 'recurring');
  const expecting = ('recurring' in step ? (step.recurring ?? []) : []).filter((r) => r.expect);
  const recurring = expecting.find((r) => r.id === id);
  if (!recurring?.expect) {
    return invalid(
      `data.recurring must name an obligation of step '${stepId}' that expects a hand-in: ${expecting.map((r) => r.id).join(', ') || 'none'}`,
    );
  }
  if (isSystem(actor)) return undefined;
  const allowed = resolveRefs(recurring.expect.from, context, { step: stepId });
  return allowed.includes(actor)
    ? undefined
    : forbidden(
        `'${actor}' may not hand in '${recurring.id}'; expected from ${allowed.join(', ') || 'nobody'}`,
      );
}

function isSystem(actor: string): boolean {
  return actor === SYSTEM_USER;
}

function notAssignee(
  context: SopContext,
  stepId: string,
  actor: string,
  what: string,
): Rejection | undefined {
  if (isSystem(actor)) return undefined;
  const assignees = context.assignees[stepId] ?? [];
  if (assignees.includes(actor)) return undefined;
  return forbidden(
    `'${actor}' may not ${what} in step '${stepId}': it is assigned to ${assignees.join(', ') || 'nobody'}`,
  );
}

function submitRejection(
  compiled: CompiledSop,
  context: SopContext,
  stepId: string,
  step: FormStep,
  event: SopEvent,
  actor: string,
): Rejection | undefined {
  if (step.respondents) {
    const department = context.org.users[actor]?.department;
    const expected = participatingDepartments(compiled, context);
    if (!isSystem(actor)) {
      if (!department || !expected.includes(department)) {
        return forbidden(
          `'${actor}' is not in a participating department (${expected.join(', ')}) and may not file '${stepId}'`,
        );
      }
      if ((context.submissions[stepId] ?? []).some((s) => s.department === department)) {
        return conflict(`department '${department}' has already filed '${stepId}'`);
      }
    }
  } else {
    const refused = notAssignee(context, stepId, actor, 'submit the form');
    if (refused) return refused;
  }
  const form = compiled.document.forms?.[step.form];
  if (!form) return conflict(`form '${step.form}' is not declared`);
  const problems = checkFormData(form.schema, event.data);
  if (problems.length > 0)
    return invalid(`form "${form.title}" is incomplete or invalid: ${problems.join('; ')}`);
  return namingRejectionForPlan(compiled, context, stepId, event.data);
}

/** A form that seeds a tasks step must already follow that step's naming rule. */
function namingRejectionForPlan(
  compiled: CompiledSop,
  context: SopContext,
  formStepId: string,
  data: unknown,
): Rejection | undefined {
  for (const [, step] of stepIndexOf(compiled)) {
    if (step.kind !== 'tasks' || step.tasksFrom !== formStepId || !step.naming) continue;
    const tasks = readPath(data, 'tasks');
    if (!Array.isArray(tasks)) continue;
    for (const [index, task] of tasks.entries()) {
      const refused = taskShapeRejection(context, step, task, `tasks[${index}]`);
      if (refused) return refused;
    }
  }
  return undefined;
}

function decisionRejection(
  context: SopContext,
  stepId: string,
  step: Step,
  event: SopEvent,
  actor: string,
): Rejection | undefined {
  if (step.kind !== 'approval') return undefined;
  const refused = notAssignee(context, stepId, actor, `${event.type}`);
  if (refused) return refused;
  const comment = typeof event.comment === 'string' ? event.comment.trim() : '';
  if (
    event.type === 'reject' &&
    step.requireCommentOnReject !== false &&
    comment === '' &&
    !isSystem(actor)
  ) {
    return invalid(`a rejection in step '${stepId}' needs a comment saying why`);
  }
  return undefined;
}

function addTaskRejection(
  context: SopContext,
  stepId: string,
  step: TasksStep,
  data: unknown,
  actor: string,
): Rejection | undefined {
  return notAssignee(context, stepId, actor, 'add tasks') ?? taskShapeRejection(context, step, data, 'task');
}

/** Checks a task as sent: required fields, known people and departments, due date, naming rule. */
export function taskShapeRejection(
  context: SopContext,
  step: TasksStep,
  data: unknown,
  label: string,
): Rejection | undefined {
  if (data === null || typeof data !== 'object')
    return invalid(`${label} must be an object with name, owner and leadDepartment`);
  const task = data as Record<string, unknown>;
  for (const field of ['name', 'owner', 'leadDepartment']) {
    if (typeof task[field] !== 'string' || task[field] === '') return invalid(`${label} needs '${field}'`);
  }
  const owner = task.owner as string;
  if (!context.org.users[owner]) return invalid(`${label}: owner '${owner}' is not in the org directory`);
  for (const user of asStrings(task.collaborators)) {
    if (!context.org.users[user])
      return invalid(`${label}: collaborator '${user}' is not in the org directory`);
  }
  for (const department of [task.leadDepartment as string, ...asStrings(task.collaboratingDepartments)]) {
    if (!(department in context.org.heads))
      return invalid(`${label}: department '${department}' is not in the org directory`);
  }
  if (task.due !== undefined && !(typeof task.due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(task.due))) {
    return invalid(`${label}: due must be a date like 2026-12-31`);
  }
  if (task.due === undefined && step.taskDefaults?.deadline === undefined) {
    return invalid(`${label} needs a due date (the step sets no default deadline)`);
  }
  if (step.naming) {
    const projectValue = readPath(context.input, step.naming.projectField ?? 'projectName');
    const project =
      typeof projectValue === 'string' || typeof projectValue === 'number' ? String(projectValue) : '';
    const parts = {
      owner,
      ...(typeof task.module === 'string' ? { module: task.module } : {}),
      ...(typeof task.due === 'string' ? { due: task.due } : {}),
    };
    const expected = expectedTaskNames(step.naming.pattern, project, parts, context);
    if (!expected.includes(task.name as string)) {
      return invalid(
        `${label}: name '${String(task.name)}' does not follow the naming rule '${step.naming.pattern}'; expected '${expected.join("' or '")}'`,
      );
    }
  }
  return undefined;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

const CLOSED: readonly TaskStatus[] = ['done', 'cancelled'];

function taskActionRejection(
  context: SopContext,
  stepId: string,
  event: SopEvent,
  actor: string,
): Rejection | undefined {
  const task = (context.tasks[stepId] ?? []).find((t) => t.id === event.task);
  if (!task) {
    const known = (context.tasks[stepId] ?? []).map((t) => t.id).join(', ') || 'none';
    return {
      code: 'UNKNOWN_TASK',
      message: `unknown task '${String(event.task)}' in step '${stepId}' (tasks: ${known})`,
    };
  }
  if (CLOSED.includes(task.status)) return conflict(`task '${task.id}' is already ${task.status}`);
  if (event.type === 'task.cancel') return notAssignee(context, stepId, actor, 'cancel tasks');
  if (event.type === 'task.acknowledge') {
    if (!isSystem(actor) && task.owner !== actor) {
      return forbidden(`only the owner of task '${task.id}' (${task.owner}) acknowledges it`);
    }
    return task.acknowledgedAt === undefined
      ? undefined
      : conflict(`task '${task.id}' was already acknowledged`);
  }
  if (!isSystem(actor) && !mayWorkOn(context, stepId, task, actor)) {
    return forbidden(
      `'${actor}' is neither the owner, a collaborator nor the head of the lead department of task '${task.id}'`,
    );
  }
  if (event.type === 'task.needsHelp') {
    return task.status === 'blocked'
      ? undefined
      : conflict(`task '${task.id}' must be marked blocked before asking for help`);
  }
  const status = event.status;
  const allowed = TASK_STATUSES.filter((s) => s !== 'cancelled');
  if (typeof status !== 'string' || !(allowed as readonly string[]).includes(status)) {
    return invalid(`task status must be one of ${allowed.join(', ')} (cancel with task.cancel)`);
  }
  return undefined;
}

/**
 * The owner, a collaborator, the step's assignees, and the head of the task's lead department
 * (department heads act for their department, e.g. while an owner is away).
 */
function mayWorkOn(context: SopContext, stepId: string, task: TaskState, actor: string): boolean {
  return (
    task.owner === actor ||
    task.collaborators.includes(actor) ||
    (context.assignees[stepId] ?? []).includes(actor) ||
    context.org.heads[task.leadDepartment] === actor
  );
}

/** Why a custom transition (`on:` with `by`/`when`) refuses the event, or undefined. */
export function transitionRejection(
  compiled: CompiledSop,
  context: SopContext,
  stepId: string,
  event: SopEvent,
  by: readonly string[] | undefined,
  whenAccepted: boolean,
): Rejection | undefined {
  const actor = event.actor?.user;
  const step = stepIndexOf(compiled).get(stepId);
  const human =
    step !== undefined && (step.kind === 'form' || step.kind === 'tasks' || step.kind === 'approval');
  const allowedRefs = by ?? (human ? ['assignee'] : undefined);
  if (allowedRefs && !(actor !== undefined && isSystem(actor))) {
    const allowed = resolveRefs(allowedRefs, context, { step: stepId });
    if (actor === undefined || !allowed.includes(actor)) {
      return forbidden(
        `'${actor ?? 'anonymous'}' may not send '${event.type}' in step '${stepId}'; allowed: ${allowed.join(', ') || 'nobody'}`,
      );
    }
  }
  if (!whenAccepted)
    return {
      code: 'CONDITION_NOT_MET',
      message: `the condition for '${event.type}' in step '${stepId}' is not met`,
    };
  return undefined;
}
