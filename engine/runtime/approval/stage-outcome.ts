import type { ApprovalMode } from '../../model/sop';
import type { ApprovalDecision, ApprovalRecord, ApprovalSeat, StageRule } from './approval-record';

/**
 * The stage layout a mode starts with: sequential puts each approver in a stage of their own,
 * every other mode puts them all in one stage decided by the mode.
 *
 * @example
 * initialStages('sequential', 3); // { stageOf: [0, 1, 2], stages: ['all', 'all', 'all'] }
 * initialStages({ quorum: 2 }, 3); // { stageOf: [0, 0, 0], stages: [{ quorum: 2 }] }
 */
export function initialStages(mode: ApprovalMode, count: number): { stageOf: number[]; stages: StageRule[] } {
  if (mode === 'sequential') {
    return { stageOf: [...Array(count).keys()], stages: Array<StageRule>(count).fill('all') };
  }
  return { stageOf: Array<number>(count).fill(0), stages: [mode] };
}

/** Approvals a stage of `size` seats needs under its rule (at least one, at most all). */
export function approvalsNeeded(rule: StageRule, size: number): number {
  if (rule === 'all') return size;
  if (rule === 'any') return Math.min(1, size);
  const wanted = 'quorum' in rule ? rule.quorum : Math.ceil((rule.percent * size) / 100);
  return Math.max(1, Math.min(size, wanted));
}

/**
 * How one stage stands. `any` is decided by the first decision either way; the other rules
 * approve at the needed count and reject as soon as that count can no longer be reached.
 */
export function stageDecision(rule: StageRule, seats: readonly ApprovalSeat[]): ApprovalDecision | undefined {
  const approved = seats.filter((s) => s.decision === 'approved').length;
  const rejected = seats.filter((s) => s.decision === 'rejected').length;
  if (rule === 'any') {
    const first = seats.filter((s) => s.decision !== undefined).sort((a, b) => (a.at ?? 0) - (b.at ?? 0))[0];
    return first?.decision;
  }
  const needed = approvalsNeeded(rule, seats.length);
  if (approved >= needed) return 'approved';
  if (rejected > seats.length - needed) return 'rejected';
  return undefined;
}

function seatsOf(record: ApprovalRecord, stage: number): ApprovalSeat[] {
  return (record.approvers ?? []).filter((s) => s.stage === stage);
}

/**
 * The decision of the whole flow: rejected when any stage rejects, approved when every stage
 * approves (an empty flow is approved), otherwise still open (`undefined`).
 */
export function flowDecision(record: ApprovalRecord): ApprovalDecision | undefined {
  const stages = record.stages ?? [];
  for (const [stage, rule] of stages.entries()) {
    const decision = stageDecision(rule, seatsOf(record, stage));
    if (decision !== 'approved') return decision;
  }
  return 'approved';
}

/** The first stage that has not decided yet, or `undefined` when every stage has. */
export function currentStage(record: ApprovalRecord): number | undefined {
  const stages = record.stages ?? [];
  for (const [stage, rule] of stages.entries()) {
    const decision = stageDecision(rule, seatsOf(record, stage));
    if (decision === undefined) return stage;
    if (decision === 'rejected') return undefined;
  }
  return undefined;
}

/**
 * The approvers whose turn it is: the undecided seats of the current stage, in order. These
 * (and only these) may approve, reject, send back, transfer or add an approver.
 *
 * @example
 * listActiveApprovers(record); // ['rob'] while 'mia' (stage 0) has approved and 'rob' (stage 1) has not
 */
export function listActiveApprovers(record: ApprovalRecord | undefined): string[] {
  if (!record || record.outcome !== 'open') return [];
  const stage = currentStage(record);
  if (stage === undefined) return [];
  return seatsOf(record, stage)
    .filter((s) => s.decision === undefined)
    .map((s) => s.user);
}
