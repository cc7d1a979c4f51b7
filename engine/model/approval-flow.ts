import type { ApprovalStep, Step } from './sop';

/** The fields that turn a v1 approval (one assignee) into an approval flow. */
const FLOW_FIELDS = [
  'approvers',
  'approversFromInput',
  'approversFromForm',
  'mode',
  'requester',
  'ifNobody',
  'ifRequesterIsApprover',
  'approvalAdmin',
  'sendBackTo',
  'onWithdraw',
  'cc',
  'urgeInterval',
] as const;

/** The actions an approval flow accepts, besides custom `on:` events. */
export const APPROVAL_FLOW_EVENTS = [
  'approve',
  'reject',
  'sendBack',
  'withdraw',
  'transfer',
  'addApprover',
  'cc',
  'urge',
] as const;

/**
 * True for an approval step written with any approval-flow field. A v1 step (only `assignee`)
 * stays on the v1 path, so existing SOPs and recorded histories behave exactly as before.
 *
 * @example
 * isApprovalFlow({ kind: 'approval', assignee: 'head', onApprove: 'a', onReject: 'r' }); // false
 * isApprovalFlow({ kind: 'approval', approvers: ['head', 'cto'], onApprove: 'a', onReject: 'r' }); // true
 */
export function isApprovalFlow(step: Step): boolean {
  return step.kind === 'approval' && FLOW_FIELDS.some((field) => step[field] !== undefined);
}

/**
 * The step as an approval flow, or `undefined` for any other step (v1 approvals included).
 *
 * @example
 * const flow = approvalFlowOf(stepOf(compiled, 'review'));
 * if (flow) listSendBackTargets(flow);
 */
export function approvalFlowOf(step: Step): ApprovalStep | undefined {
  return step.kind === 'approval' && isApprovalFlow(step) ? step : undefined;
}

/**
 * The steps a flow may send back to: its `sendBackTo` list, then its `subject` (the requester's
 * form), without repeats.
 *
 * @example
 * listSendBackTargets({ ...step, sendBackTo: ['draft'], subject: 'request' }); // ['draft', 'request']
 */
export function listSendBackTargets(step: ApprovalStep): string[] {
  const targets = [...(step.sendBackTo ?? []), ...(step.subject !== undefined ? [step.subject] : [])];
  return [...new Set(targets)];
}

/**
 * The built-in events an approval flow handles: all of {@link APPROVAL_FLOW_EVENTS}, except
 * `withdraw` without `onWithdraw` and `sendBack` with nowhere to send back to (there a custom
 * `on:` transition of the same name, if any, stays in charge).
 *
 * @example
 * listFlowEvents({ ...step, onWithdraw: 'withdrawn' }); // ['approve', 'reject', 'withdraw', 'transfer', …]
 */
export function listFlowEvents(step: ApprovalStep): string[] {
  return APPROVAL_FLOW_EVENTS.filter((event) => {
    if (event === 'withdraw') return step.onWithdraw !== undefined;
    if (event === 'sendBack') return listSendBackTargets(step).length > 0;
    return true;
  });
}
