import type { ActionHandler, EffectDraft } from '../action-plan';
import { SYSTEM_USER } from '../context';
import { stepOf } from '../step-index';
import type { ApprovalRecord, ApprovalSeat } from './approval-record';
import { approvalFlowOf } from '../../model/approval-flow';
import { resolveApprovers } from './resolve-approvers';
import { settleApproval } from './settle-approval';
import { initialStages } from './stage-outcome';

/**
 * Entering an approval flow: resolve its approvers under the step's rules and start a fresh
 * record (a step entered again after a send back starts over). When nobody is left, the
 * `ifNobody` rule decides at once and the step's eventless transitions move on.
 */
export const openApproval: ActionHandler<{ step: string }> = (input, { step: id }) => {
  const step = approvalFlowOf(stepOf(input.compiled, id));
  if (!step) return {};
  const { now } = input;
  const mode = step.mode ?? 'sequential';
  const resolved = resolveApprovers(step, input.context, id);
  const layout = initialStages(mode, resolved.users.length);
  const approvers: ApprovalSeat[] = resolved.users.map((user, i) => ({
    user,
    stage: layout.stageOf[i] ?? 0,
    ...(resolved.autoApproved.includes(user)
      ? { decision: 'approved' as const, at: now, auto: true, comment: 'requester is an approver' }
      : {}),
  }));
  let record: ApprovalRecord = {
    mode,
    outcome: 'open',
    approvers,
    stages: layout.stages,
    actions: [],
    cc: [],
    openedAt: now,
  };
  if (resolved.nobody !== undefined) {
    const decision = resolved.nobody === 'skip' ? 'approved' : 'rejected';
    const comment = resolved.notes[resolved.notes.length - 1] ?? '';
    record = { ...record, outcome: decision, decision, by: SYSTEM_USER, at: now, comment };
  }
  const effects: EffectDraft[] = resolved.notes.map((detail) => ({
    kind: 'record',
    what: 'approval',
    step: id,
    detail,
  }));
  const plan = settleApproval(input, id, step, undefined, record);
  return { ...plan, effects: [...effects, ...(plan.effects ?? [])] };
};
