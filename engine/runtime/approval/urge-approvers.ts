import type { ActionHandler } from '../action-plan';
import { defaultMessage } from '../messages';
import { stepOf } from '../step-index';
import { approvalFlowOf } from '../../model/approval-flow';
import { actorOf, commentOf, withAction } from './settle-approval';
import { listActiveApprovers } from './stage-outcome';

/** The requester urges (催办) the approvers whose turn it is; the rules keep it to once an interval. */
export const urgeApprovers: ActionHandler<{ step: string }> = (input, { step: id }) => {
  const step = approvalFlowOf(stepOf(input.compiled, id));
  const before = input.context.approvals[id];
  if (!step || before?.outcome !== 'open') return {};
  const pending = listActiveApprovers(before);
  const record = withAction(
    { ...before, lastUrgedAt: input.now },
    { action: 'urge', by: actorOf(input), at: input.now, ...commentOf(input) },
  );
  return {
    context: { approvals: { ...input.context.approvals, [id]: record } },
    effects: [
      {
        kind: 'notify',
        reason: 'urge',
        step: id,
        refs: ['assignee'],
        to: pending,
        message:
          commentOf(input).comment ?? defaultMessage(input.compiled, 'urged', { title: step.title ?? id }),
      },
    ],
  };
};
