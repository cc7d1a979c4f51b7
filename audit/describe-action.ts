import type { ActionEntry } from '../api/history/history-entry';
import { auditActor, type AuditAction, type AuditState, type UnchainedAuditEntry } from './audit-entry';
import { findTask, type TrackedTask, type TrailState } from './trail-state';
import { actorName, fieldNames, listPeople, quote, stepName, taskName } from './wording';

const APPROVAL_EVENTS = new Set([
  'approve',
  'reject',
  'sendBack',
  'withdraw',
  'transfer',
  'addApprover',
  'cc',
  'urge',
]);
const TASK_EVENTS = new Set(['task.add', 'task.update', 'task.needsHelp', 'task.cancel', 'task.acknowledge']);

/**
 * The audit verb of a human action. Action types are public API of the engine, so the verbs
 * derived from them are stable too; an action type the trail does not know yet keeps its name
 * under `action.`.
 *
 * @example
 * auditActionOf('submit'); // => 'form.submit'
 * auditActionOf('approve'); // => 'approval.approve'
 */
export function auditActionOf(type: string | undefined): AuditAction {
  if (typeof type !== 'string' || type === '') return 'action.unnamed';
  if (type === 'submit') return 'form.submit';
  if (type === 'cancel') return 'project.cancel';
  if (type === 'recurring.submit') return 'report.submit';
  if (APPROVAL_EVENTS.has(type)) return `approval.${type}` as AuditAction;
  if (TASK_EVENTS.has(type)) return type as AuditAction;
  return `action.${type}`;
}

/**
 * The step an action was for: its task's step, the only active step, or the one step among
 * those the trail tracks that was assigned to the actor. Nothing when that leaves a doubt.
 */
function actedStep(
  before: TrailState,
  entry: ActionEntry,
  task: TrackedTask | undefined,
): string | undefined {
  if (task) return task.step;
  if (entry.type === 'cancel') return undefined;
  if (before.stepsKnown && before.steps.length === 1) return before.steps[0];
  const people = [entry.actor.user, entry.actor.onBehalfOf];
  const theirs = before.steps.filter((s) => before.assignees[s]?.some((u) => people.includes(u)));
  return theirs.length === 1 ? theirs[0] : undefined;
}

function dataField(data: unknown, field: string): unknown {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[field] : undefined;
}

function users(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** What the actor did, as the middle of the summary sentence. */
function deed(entry: ActionEntry, step: string | undefined, task: TrackedTask | undefined): string {
  const where = step ? stepName(step) : 'a step';
  const which = entry.task !== undefined ? taskName(entry.task, task?.name) : 'a task';
  const fields = fieldNames(entry.data);
  switch (entry.type) {
    case 'cancel':
      return 'cancelled the project';
    case 'submit':
      return `submitted the form of ${where}${fields ? ` (fields: ${fields})` : ''}`;
    case 'recurring.submit':
      return `submitted the recurring report of ${where}`;
    case 'approve':
      return `approved ${where}`;
    case 'reject':
      return `rejected ${where}`;
    case 'sendBack': {
      const to = dataField(entry.data, 'to');
      return `sent ${where} back${typeof to === 'string' ? ` to ${stepName(to)}` : ''}`;
    }
    case 'withdraw':
      return `withdrew the approval request of ${where}`;
    case 'transfer':
      return `handed their approval seat on ${where} to ${listPeople(users(dataField(entry.data, 'to')))}`;
    case 'addApprover':
      return `added ${listPeople(users(dataField(entry.data, 'user')))} as an approver of ${where}`;
    case 'cc':
      return `copied ${listPeople(users(dataField(entry.data, 'users')))} on ${where}`;
    case 'urge':
      return `urged the approvers of ${where} to decide`;
    case 'task.add': {
      const title = dataField(entry.data, 'name');
      return `added a task${typeof title === 'string' ? ` '${title}'` : ''} to ${where}`;
    }
    case 'task.update':
      return task?.status !== undefined && task.status !== entry.status
        ? `set ${which} from ${task.status} to ${String(entry.status)}`
        : `set ${which} to ${String(entry.status)}`;
    case 'task.needsHelp':
      return `asked for help with ${which}`;
    case 'task.cancel':
      return `cancelled ${which}`;
    case 'task.acknowledge':
      return `acknowledged ${which}`;
    default:
      return typeof entry.type === 'string'
        ? `performed '${entry.type}' on ${entry.task !== undefined ? which : where}`
        : 'performed an action the history does not name';
  }
}

function summaryOf(entry: ActionEntry, step: string | undefined, task: TrackedTask | undefined): string {
  const comment = entry.comment ? ` with comment ${quote(entry.comment)}` : '';
  const reason = entry.reason ? `, giving the reason ${quote(entry.reason)}` : '';
  return `${actorName(entry.actor)} ${deed(entry, step, task)}${comment}${reason}.`;
}

/** The task's own change, for task actions. */
function taskChange(entry: ActionEntry, task: TrackedTask | undefined): [AuditState, AuditState] {
  if (entry.type === 'task.needsHelp') return [{}, { needsHelp: true }];
  const status =
    entry.type === 'task.update' ? entry.status : entry.type === 'task.cancel' ? 'cancelled' : undefined;
  if (status === undefined) return [{}, {}];
  return [task ? { status: task.status } : {}, { status }];
}

function sameSteps(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s));
}

/** Active steps and project status, where the action's result changed them. */
function projectChange(entry: ActionEntry, before: TrailState): [AuditState, AuditState] {
  const result = entry.result;
  if (!result || !Array.isArray(result.steps)) return [{}, {}];
  const stepsChanged = !before.stepsKnown || !sameSteps(before.steps, result.steps);
  const statusChanged = before.projectStatus !== result.status;
  return [
    {
      ...(stepsChanged && before.stepsKnown ? { steps: before.steps } : {}),
      ...(statusChanged && before.projectStatus !== undefined ? { projectStatus: before.projectStatus } : {}),
    },
    {
      ...(stepsChanged ? { steps: result.steps } : {}),
      ...(statusChanged ? { projectStatus: result.status } : {}),
    },
  ];
}

function nonEmpty(state: AuditState): AuditState | undefined {
  return Object.keys(state).length > 0 ? state : undefined;
}

/**
 * An accepted human action as an audit entry: who did what to which step or task, why, and
 * what it changed, judged from the state the trail tracked up to it.
 *
 * @example
 * describeAction(update, stateBefore).summary;
 * // => "sun.peng set task t1 'Landing page' from in_progress to done."
 */
export function describeAction(entry: ActionEntry, before: TrailState): UnchainedAuditEntry {
  const task = findTask(before, entry.task);
  const step = actedStep(before, entry, task);
  const [taskBefore, taskAfter] = taskChange(entry, task);
  const [projectBefore, projectAfter] = projectChange(entry, before);
  const beforeState = nonEmpty({ ...taskBefore, ...projectBefore });
  const afterState = nonEmpty({
    ...taskAfter,
    ...projectAfter,
    ...(entry.data !== undefined ? { data: entry.data } : {}),
  });
  const reason = entry.reason || entry.comment;
  return {
    at: entry.at,
    actor: auditActor(entry.actor),
    action: auditActionOf(entry.type),
    summary: summaryOf(entry, step, task),
    ...(step !== undefined ? { step } : {}),
    ...(entry.task ? { task: entry.task } : {}),
    ...(reason ? { reason } : {}),
    ...(beforeState ? { before: beforeState } : {}),
    ...(afterState ? { after: afterState } : {}),
    source: { kind: 'temporal', ...(before.runId ? { runId: before.runId } : {}), eventId: entry.event },
  };
}
