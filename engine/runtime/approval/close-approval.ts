import type { ActionHandler } from '../action-plan';
import { readPath } from '../participants';
import { stepOf } from '../step-index';
import { approvalFlowOf } from '../../model/approval-flow';
import { actorOf, commentOf, settleApproval, withAction } from './settle-approval';

/**
 * The flow ends without a decision: an approver sends the request back to an earlier step (退回,
 * `sendBack` with `data.to`) or the requester withdraws it (撤回, `withdraw`). The transition
 * itself moves the project; this records who, when, why and where.
 */
export const closeApproval: ActionHandler<{ step: string; outcome: 'sentBack' | 'withdrawn' }> = (
  input,
  params,
) => {
  const step = approvalFlowOf(stepOf(input.compiled, params.step));
  const before = input.context.approvals[params.step];
  if (!step || before?.outcome !== 'open') return {};
  const to = readPath(input.event.data, 'to');
  const action = params.outcome === 'sentBack' ? 'sendBack' : 'withdraw';
  const record = {
    ...withAction(before, {
      action,
      by: actorOf(input),
      at: input.now,
      ...commentOf(input),
      ...(typeof to === 'string' ? { data: { to } } : {}),
    }),
    outcome: params.outcome,
    ...(params.outcome === 'sentBack' && typeof to === 'string' ? { sentBackTo: to } : {}),
  };
  return settleApproval(input, params.step, step, before, record);
};
