import type { ActionHandler } from '../action-plan';
import { SYSTEM_USER } from '../context';
import { stepOf } from '../step-index';
import type { ApprovalDecision, ApprovalRecord } from './approval-record';
import { approvalFlowOf } from '../../model/approval-flow';
import { actorOf, commentOf, settleApproval, withAction } from './settle-approval';
import { listActiveApprovers } from './stage-outcome';

/**
 * An approver approves or rejects (already checked by the rules). A person decides their own
 * seat and the mode decides the step; the engine (`@system`: an escalation rung's automatic
 * `approve`/`reject`) decides the whole step at once.
 */
export const decideApproval: ActionHandler<{ step: string; decision: ApprovalDecision }> = (
  input,
  params,
) => {
  const step = approvalFlowOf(stepOf(input.compiled, params.step));
  const before = input.context.approvals[params.step];
  if (!step || before?.outcome !== 'open') return {};
  const actor = actorOf(input);
  const comment = commentOf(input);
  const action = params.decision === 'approved' ? 'approve' : 'reject';
  let record: ApprovalRecord = withAction(before, { action, by: actor, at: input.now, ...comment });
  if (actor === SYSTEM_USER) {
    record = {
      ...record,
      outcome: params.decision,
      decision: params.decision,
      by: actor,
      at: input.now,
      ...comment,
    };
  } else {
    // Only the actor's seat in the current stage: the same person may sit again in a later stage.
    const active = listActiveApprovers(before);
    let done = false;
    const approvers = (before.approvers ?? []).map((seat) => {
      if (done || seat.user !== actor || seat.decision !== undefined || !active.includes(actor)) return seat;
      done = true;
      return { ...seat, decision: params.decision, at: input.now, ...comment };
    });
    record = { ...record, approvers };
  }
  return settleApproval(input, params.step, step, before, record);
};
