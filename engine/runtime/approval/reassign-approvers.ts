import type { ApprovalRecord } from './approval-record';
import { currentStage } from './stage-outcome';

/**
 * An escalation rung's `reassign` on an approval flow: the undecided seats of the current stage
 * go to `to` (e.g. `assignee.manager`, resolved to each late approver's manager, in order); seats
 * nobody stands in for stay as they are. Each moved seat remembers who had it.
 *
 * @example
 * reassignApprovers(record, ['ceo']); // mia's pending seat now belongs to ceo (transferredFrom: mia)
 */
export function reassignApprovers(record: ApprovalRecord, to: readonly string[]): ApprovalRecord {
  const stage = currentStage(record);
  if (stage === undefined || record.outcome !== 'open') return record;
  const taken = new Set((record.approvers ?? []).map((s) => s.user));
  const queue = to.filter((user) => !taken.has(user));
  let next = 0;
  const approvers = (record.approvers ?? []).map((seat) => {
    if (seat.stage !== stage || seat.decision !== undefined) return seat;
    const user = queue[next];
    if (user === undefined) return seat;
    next += 1;
    return { ...seat, user, transferredFrom: seat.user };
  });
  return { ...record, approvers };
}
