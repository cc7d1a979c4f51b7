import type { CompiledSop } from '../model/compiled';
import { evaluateCondition } from '../expressions';
import type { SopContext, SopEvent } from './context';
import { cel } from './actions/variables';
import { rejectionReason, transitionRejection } from './rules';
import { participatingDepartments, isClosed } from './tasks-state';
import { stepOf } from './step-index';
import { readPath } from './participants';
import type { ApprovalOutcome } from './approval/approval-record';

/** What a guard sees. */
export interface GuardInput {
  readonly compiled: CompiledSop;
  readonly context: SopContext;
  readonly event: SopEvent;
}

/** The built-in rules of a step accept the event as sent (actor, data, task, naming rule). */
export function accepts(
  { compiled, context, event }: GuardInput,
  params: { step: string; event: string },
): boolean {
  return event.type === params.event && rejectionReason(compiled, context, params.step, event) === undefined;
}

/** A CEL condition holds. A condition that fails to evaluate (a missing field) counts as false. */
export function conditionHolds(when: string | undefined, context: SopContext, event?: SopEvent): boolean {
  if (when === undefined) return true;
  try {
    return evaluateCondition(when, cel(context, event));
  } catch {
    return false;
  }
}

/** A custom transition: the sender is allowed (`by`) and its condition (`when`) holds. */
export function transitionAllowed(
  { compiled, context, event }: GuardInput,
  params: { step: string; event?: string; when?: string; by?: readonly string[] },
): boolean {
  const whenOk = conditionHolds(params.when, context, params.event !== undefined ? event : undefined);
  if (params.event === undefined) return whenOk;
  return transitionRejection(compiled, context, params.step, event, params.by, whenOk) === undefined;
}

/** Every participating department has filed this per-department form. */
export function allResponded({ compiled, context }: GuardInput, params: { step: string }): boolean {
  const filed = new Set((context.submissions[params.step] ?? []).map((s) => s.department));
  return participatingDepartments(compiled, context).every((d) => filed.has(d));
}

/** The tasks step has at least `minTasks` tasks and every one is done or cancelled. */
export function allTasksClosed({ compiled, context }: GuardInput, params: { step: string }): boolean {
  const step = stepOf(compiled, params.step);
  const minTasks = step.kind === 'tasks' ? (step.minTasks ?? 1) : 1;
  const tasks = context.tasks[params.step] ?? [];
  return tasks.length >= minTasks && tasks.every(isClosed);
}

/** An approval flow has reached this outcome (its eventless transitions move on when it has). */
export function approvalOutcomeIs(
  { context }: GuardInput,
  params: { step: string; outcome: ApprovalOutcome },
): boolean {
  return context.approvals[params.step]?.outcome === params.outcome;
}

/** A send back (退回) the rules accept, addressed to this transition's step (`data.to`). */
export function sendsBackTo(input: GuardInput, params: { step: string; to: string }): boolean {
  return (
    readPath(input.event.data, 'to') === params.to && accepts(input, { step: params.step, event: 'sendBack' })
  );
}
