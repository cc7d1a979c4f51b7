import { isApprovalFlow } from '../../model/approval-flow';
import type { ApprovalStep } from '../../model/sop';
import { addTransitions, type StateConfig } from '../machine-types';
import { targetOf } from '../../model/machine-names';
import { addApprovalFlow } from './approval/approval-flow';
import { acceptsGuard, humanStepNode } from './human';

/**
 * `approval`. v1 (one `assignee`): the assignee approves or rejects; each decision has its own
 * target. This output must stay byte for byte what it was: running projects and recorded
 * histories carry it. With approval-flow fields (several approvers, a mode, send back …) the
 * step compiles as an approval flow (./approval/approval-flow.ts).
 */
export function compileApprovalStep(id: string, step: ApprovalStep): StateConfig {
  const node = humanStepNode(id, step);
  if (isApprovalFlow(step)) {
    addApprovalFlow(node, id, step);
    return node;
  }
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
