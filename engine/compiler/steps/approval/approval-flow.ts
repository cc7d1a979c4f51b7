import { listFlowEvents, listSendBackTargets } from '../../../model/approval-flow';
import type { ApprovalStep } from '../../../model/sop';
import { targetOf } from '../../../model/machine-names';
import { addTransitions, type StateConfig, type TransitionConfig } from '../../machine-types';
import { acceptsGuard } from '../human';

/** Actions that keep the project in the step: the runtime updates the approval record. */
const STAYING_ACTIONS: Readonly<Record<string, string>> = {
  transfer: 'sop.approval.transfer',
  addApprover: 'sop.approval.addApprover',
  cc: 'sop.approval.cc',
  urge: 'sop.approval.urge',
};

function decision(id: string, event: 'approve' | 'reject'): TransitionConfig {
  return {
    guard: acceptsGuard(id, event),
    actions: [
      {
        type: 'sop.approval.decide',
        params: { step: id, decision: event === 'approve' ? 'approved' : 'rejected' },
      },
    ],
  };
}

/** One `sendBack` transition per allowed target: XState picks the one `data.to` names. */
function sendBacks(id: string, step: ApprovalStep): TransitionConfig[] {
  return listSendBackTargets(step).map((to) => ({
    guard: { type: 'sop.approval.sendsBackTo', params: { step: id, to } },
    actions: [{ type: 'sop.approval.close', params: { step: id, outcome: 'sentBack' } }],
    target: targetOf(to),
  }));
}

/**
 * Adds an approval flow's behaviour to its human-step node: entry opens the approval (resolving
 * approvers), `approve`/`reject` record a seat's decision and eventless transitions leave once
 * the mode has decided; `sendBack` and `withdraw` leave at once; `transfer`, `addApprover`, `cc`
 * and `urge` stay. Every event is guarded by the runtime's rules (`sop.accepts`).
 *
 * @example
 * addApprovalFlow(node, 'review', { kind: 'approval', approvers: ['mia', 'rob'], mode: 'all', … });
 */
export function addApprovalFlow(node: StateConfig, id: string, step: ApprovalStep): void {
  node.entry = [...(node.entry ?? []), { type: 'sop.approval.open', params: { step: id } }];
  const on = node.on ?? {};
  for (const event of listFlowEvents(step)) {
    if (event === 'approve' || event === 'reject') addTransitions(on, event, [decision(id, event)]);
    else if (event === 'sendBack') addTransitions(on, event, sendBacks(id, step));
    else if (event === 'withdraw' && step.onWithdraw !== undefined) {
      addTransitions(on, event, [
        {
          guard: acceptsGuard(id, 'withdraw'),
          actions: [{ type: 'sop.approval.close', params: { step: id, outcome: 'withdrawn' } }],
          target: targetOf(step.onWithdraw),
        },
      ]);
    } else {
      const type = STAYING_ACTIONS[event];
      if (type)
        addTransitions(on, event, [
          { guard: acceptsGuard(id, event), actions: [{ type, params: { step: id } }] },
        ]);
    }
  }
  node.on = on;
  node.always = [
    ...(node.always ?? []),
    {
      guard: { type: 'sop.approval.outcome', params: { step: id, outcome: 'approved' } },
      target: targetOf(step.onApprove),
    },
    {
      guard: { type: 'sop.approval.outcome', params: { step: id, outcome: 'rejected' } },
      target: targetOf(step.onReject),
    },
  ];
}
