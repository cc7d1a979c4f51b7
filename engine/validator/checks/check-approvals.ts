import { suggest, type SopCheck } from '../check-context';
import { checkInputField } from '../input-fields';
import type { Report } from '../reporter';
import { asMap, listItems, type SopIndex, type StepEntry } from '../sop-index';
import { buildStepGraph, type StepGraph } from '../step-graph';

/** True when some path leads from `from` to `to` (so `from` comes before `to` in a project). */
function leadsTo(graph: StepGraph, from: string, to: string): boolean {
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const next of graph.next(id)) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return false;
}

/** Participants that always stand for exactly one person: users, department heads, managers. */
function isOnePerson(index: SopIndex, ref: unknown): boolean {
  const spec = typeof ref === 'string' ? index.participants.get(ref) : undefined;
  if (!spec) return false;
  return (
    typeof spec.user === 'string' ||
    typeof spec.managerOf === 'string' ||
    (typeof spec.headOf === 'string' && !spec.headOf.startsWith('input.'))
  );
}

/** The number of approvers when the SOP alone fixes it, else undefined. */
function knownApproverCount(index: SopIndex, step: Record<string, unknown>): number | undefined {
  if (step.approversFromInput !== undefined || step.approversFromForm !== undefined) return undefined;
  const refs = [
    ...(step.assignee !== undefined ? [step.assignee] : []),
    ...listItems(step.approvers).map(([r]) => r),
  ];
  if (refs.length === 0 || !refs.every((r) => isOnePerson(index, r))) return undefined;
  return new Set(refs).size;
}

function checkApprovalStep(index: SopIndex, graph: StepGraph, entry: StepEntry, report: Report): void {
  const { step, path, id } = entry;
  if (typeof step.approversFromInput === 'string') {
    checkInputField(
      index,
      report,
      step.approversFromInput.split('.'),
      [...path, 'approversFromInput'],
      `the approvers of step '${id}'`,
    );
  }
  if (typeof step.approversFromForm === 'string') {
    const formStep = step.approversFromForm.split('.')[1] ?? '';
    const named = index.stepsById.get(formStep);
    if (named?.kind !== 'form') {
      report({
        code: 'NOT_A_FORM_STEP',
        path: [...path, 'approversFromForm'],
        message: `'approversFromForm' of step '${id}' reads forms.${formStep}, but '${formStep}' is not a form step`,
        hint: `write forms.<form step>.<field>; ${suggest(
          formStep,
          index.steps.filter((s) => s.kind === 'form').map((s) => s.id),
          'the form steps',
        )}`,
      });
    }
  }
  for (const [target, i] of listItems(step.sendBackTo)) {
    if (typeof target !== 'string' || !index.stepsById.has(target) || leadsTo(graph, target, id)) continue;
    report({
      code: 'SEND_BACK_NOT_EARLIER',
      path: [...path, 'sendBackTo', i],
      message: `step '${id}' may send back to '${target}', but no path leads from '${target}' back to '${id}'; a send back goes to an earlier step`,
      hint: 'name a step the request passes through before this approval, e.g. the form the requester filled',
    });
  }
  const quorum = asMap(step.mode)?.quorum;
  const count = knownApproverCount(index, step);
  if (typeof quorum === 'number' && count !== undefined && quorum > count) {
    report({
      code: 'QUORUM_TOO_LARGE',
      path: [...path, 'mode', 'quorum'],
      message: `step '${id}' needs ${quorum} approvals but has only ${count} approver(s)`,
      hint: `lower the quorum to at most ${count}, add approvers, or use 'mode: all'`,
    });
  }
}

/**
 * Approval flows hold together: approvers chosen at kickoff come from a declared input field and
 * those from a form from a form step; `sendBackTo` names earlier steps (a path leads from them
 * back to the approval); a quorum asks for no more approvals than there are approvers, where the
 * SOP alone fixes their number. Targets and people refs are checked with every other step's.
 *
 * @example
 * ```ts
 * checkApprovals(indexSop(doc), report, {}); // QUORUM_TOO_LARGE for `approvers: [a, b]`, `mode: { quorum: 3 }`
 * ```
 */
export const checkApprovals: SopCheck = (index, report) => {
  const approvals = index.steps.filter((s) => s.kind === 'approval');
  if (approvals.length === 0) return;
  const graph = buildStepGraph(index);
  for (const entry of approvals) checkApprovalStep(index, graph, entry, report);
};
