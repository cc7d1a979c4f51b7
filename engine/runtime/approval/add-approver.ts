import type { ActionHandler } from '../action-plan';
import { readPath } from '../participants';
import { stepOf } from '../step-index';
import type { ApprovalRecord, ApprovalSeat, StageRule } from './approval-record';
import { approvalFlowOf } from '../../model/approval-flow';
import { actorOf, commentOf, settleApproval, withAction } from './settle-approval';

/** Where an added approver (加签) sits relative to the approver who adds them. */
export const ADD_POSITIONS = ['before', 'after', 'parallel'] as const;
export type AddPosition = (typeof ADD_POSITIONS)[number];

/** Opens an empty stage at `at`, moving later stages (and their seats) one down. */
function insertStage(record: ApprovalRecord, at: number, rule: StageRule): ApprovalRecord {
  const stages = [...(record.stages ?? [])];
  stages.splice(at, 0, rule);
  const approvers = (record.approvers ?? []).map((s) => (s.stage >= at ? { ...s, stage: s.stage + 1 } : s));
  return { ...record, stages, approvers };
}

/**
 * Adds an approver next to the actor's seat:
 * - `before` (前加签): a stage of their own ahead of the actor's, so the actor's stage waits for
 *   them;
 * - `after` (后加签): a stage of their own right after the actor's, so the step also needs them;
 * - `parallel`: a seat in the actor's stage, decided with it under its rule.
 *
 * @example
 * // mode all, seats mia and rob in stage 0; mia adds cat before: cat (stage 0), mia and rob (stage 1)
 */
export function placeApprover(
  record: ApprovalRecord,
  actorStage: number,
  user: string,
  position: AddPosition,
  addedBy: string,
): ApprovalRecord {
  const seat = (stage: number): ApprovalSeat => ({ user, stage, addedBy });
  if (position === 'parallel') {
    return { ...record, approvers: [...(record.approvers ?? []), seat(actorStage)] };
  }
  const at = position === 'before' ? actorStage : actorStage + 1;
  const opened = insertStage(record, at, 'all');
  return { ...opened, approvers: [...(opened.approvers ?? []), seat(at)] };
}

/** An approver adds another approver (加签, `data.user`, `data.position`); checked by the rules. */
export const addApprover: ActionHandler<{ step: string }> = (input, { step: id }) => {
  const step = approvalFlowOf(stepOf(input.compiled, id));
  const before = input.context.approvals[id];
  const user = readPath(input.event.data, 'user');
  const position = readPath(input.event.data, 'position');
  if (!step || before?.outcome !== 'open' || typeof user !== 'string') return {};
  const actor = actorOf(input);
  const actorSeat = (before.approvers ?? []).find((s) => s.user === actor && s.decision === undefined);
  if (!actorSeat) return {};
  const where = (ADD_POSITIONS as readonly unknown[]).includes(position)
    ? (position as AddPosition)
    : 'after';
  const placed = placeApprover(before, actorSeat.stage, user, where, actor);
  const record = withAction(placed, {
    action: 'addApprover',
    by: actor,
    at: input.now,
    ...commentOf(input),
    data: { user, position: where },
  });
  return settleApproval(input, id, step, before, record);
};
