import type { ApprovalStep } from '../../model/sop';
import { addTransitions, type StateConfig } from '../machine-types';
import { targetOf } from '../../model/machine-names';
import { acceptsGuard, humanStepNode } from './human';

/** `approval` (v1): the assignee approves or rejects; each decision has its own target. */
export function compileApprovalStep(id: string, step: ApprovalStep): StateConfig {
  const node = humanStepNode(id, step);
  const on = node.on ?? {};
  addTransitions(on, 'approve', [
    {
      guard: acceptsGuard(id, 'approve'),
      actions: [{ type: 'sop.decide', params: { step: id, decision: 'approved' } }],
      target: targetOf(step.onApprove),
    },
  ]);
  addTransitions(on, 'reject', [
    {
      guard: acceptsGuard(id, 'reject'),
      actions: [{ type: 'sop.decide', params: { step: id, decision: 'rejected' } }],
      target: targetOf(step.onReject),
    },
  ]);
  node.on = on;
  return node;
}
