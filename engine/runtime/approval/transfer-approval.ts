import type { ActionHandler } from '../action-plan';
import { readPath } from '../participants';
import { stepOf } from '../step-index';
import { approvalFlowOf } from '../../model/approval-flow';
import { actorOf, commentOf, settleApproval, withAction } from './settle-approval';

/**
 * An approver hands their seat to someone else (转交, `data.to`), who then acts instead; the
 * seat keeps its place in the order and remembers who handed it over.
 */
export const transferApproval: ActionHandler<{ step: string }> = (input, { step: id }) => {
  const step = approvalFlowOf(stepOf(input.compiled, id));
  const before = input.context.approvals[id];
  const to = readPath(input.event.data, 'to');
  if (!step || before?.outcome !== 'open' || typeof to !== 'string') return {};
  const actor = actorOf(input);
  let done = false;
  const approvers = (before.approvers ?? []).map((seat) => {
    if (done || seat.user !== actor || seat.decision !== undefined) return seat;
    done = true;
    return { ...seat, user: to, transferredFrom: actor };
  });
  const record = withAction(
    { ...before, approvers },
    { action: 'transfer', by: actor, at: input.now, ...commentOf(input), data: { to } },
  );
  return settleApproval(input, id, step, before, record);
};
