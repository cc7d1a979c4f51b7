import type { ApprovalStep } from '../../model/sop';
import type { ActionInput, ActionPlan, EffectDraft } from '../action-plan';
import { markFirstAction } from '../actions/form-actions';
import { SYSTEM_USER } from '../context';
import { defaultMessage } from '../messages';
import { resolveRefs } from '../participants';
import type { ApprovalAction, ApprovalRecord } from './approval-record';
import { flowDecision, listActiveApprovers } from './stage-outcome';

/**
 * Appends an action to a record's audit trail.
 *
 * @example
 * withAction(record, { action: 'transfer', by: 'mia', at, data: { to: 'rob' } });
 */
export function withAction(record: ApprovalRecord, action: ApprovalAction): ApprovalRecord {
  return { ...record, actions: [...(record.actions ?? []), action] };
}

/** The actor of an event, `@system` for the engine's own. */
export function actorOf(input: ActionInput): string {
  return input.event.actor?.user ?? SYSTEM_USER;
}

/** The event's comment, trimmed; absent when empty. */
export function commentOf(input: ActionInput): { comment?: string } {
  const comment = typeof input.event.comment === 'string' ? input.event.comment.trim() : '';
  return comment !== '' ? { comment } : {};
}

/**
 * Turns an updated approval record into the project's new state: the outcome when the flow has
 * decided (with `decision`, `by`, `at`, `comment` as v1 readers expect), the step's assignees
 * (the approvers whose turn it is, so `assignee` refs, reminders and `reassign` rungs follow the
 * flow), an assignment notice to each approver whose turn has just come, and the outcome to the
 * readers copied in (`cc`). An outcome already set (sent back, withdrawn, decided by the engine)
 * is kept.
 */
export function settleApproval(
  input: ActionInput,
  id: string,
  step: ApprovalStep,
  before: ApprovalRecord | undefined,
  after: ApprovalRecord,
): ActionPlan {
  const { compiled, context, now } = input;
  let record = after;
  if (record.outcome === 'open') {
    const decision = flowDecision(record);
    if (decision !== undefined) {
      const last = record.actions?.[record.actions.length - 1];
      record = {
        ...record,
        outcome: decision,
        decision,
        by: last?.by ?? SYSTEM_USER,
        at: now,
        ...(last?.comment !== undefined ? { comment: last.comment } : {}),
      };
    }
  }
  const title = step.title ?? id;
  const active = listActiveApprovers(record);
  const wasActive = listActiveApprovers(before);
  const effects: EffectDraft[] = [];
  const newlyActive = active.filter((user) => !wasActive.includes(user));
  if (newlyActive.length > 0) {
    effects.push({
      kind: 'notify',
      reason: 'assigned',
      step: id,
      refs: ['assignee'],
      to: newlyActive,
      message: defaultMessage(compiled, 'assigned', { title }),
    });
  }
  const closedNow = before?.outcome === 'open' && record.outcome !== 'open';
  const readers = closedNow
    ? [...new Set([...resolveRefs(step.cc ?? [], context, { step: id }), ...(record.cc ?? [])])]
    : [];
  if (readers.length > 0) {
    effects.push({
      kind: 'notify',
      reason: 'cc',
      step: id,
      refs: [...(step.cc ?? [])],
      to: readers,
      message: defaultMessage(compiled, 'approvalOutcome', { title, outcome: record.outcome ?? 'open' }),
    });
  }
  return {
    context: {
      approvals: { ...context.approvals, [id]: record },
      assignees: { ...context.assignees, [id]: active },
      steps: before === undefined ? context.steps : markFirstAction(context, id, now),
    },
    effects,
  };
}
