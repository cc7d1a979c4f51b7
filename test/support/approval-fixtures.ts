import type { ApprovalStep, SopDocument } from '../../engine/model/sop';
import type { SopEvent } from '../../engine/runtime/context';
import type { ProjectDriver } from '../../engine/runtime/driver';
import { makeSop, MONDAY_9AM, startTest } from './sop-fixtures';

/** Participants of the approval tests, on TEST_ORG: ann asks; mia, rob and ceo approve. */
export const APPROVAL_PARTICIPANTS = {
  requester: { fromInput: 'pm' },
  head: { headOf: 'mkt' },
  rndHead: { headOf: 'rnd' },
  chief: { user: 'ceo' },
  approvalAdmin: { user: 'ceo' },
} as const;

/**
 * An SOP whose `request` form (filled by the requester, ann) leads to the approval step `review`
 * written with `fields`, then to `approved`, `rejected` or `withdrawn`.
 *
 * @example
 * approvalSop({ approvers: ['head', 'rndHead'], mode: 'all' });
 */
export function approvalSop(fields: Partial<ApprovalStep>): SopDocument {
  return makeSop(
    {
      request: { kind: 'form', assignee: 'requester', form: 'ask', next: 'review' },
      review: {
        kind: 'approval',
        title: 'Review',
        requester: 'requester',
        subject: 'request',
        onApprove: 'approved',
        onReject: 'rejected',
        onWithdraw: 'withdrawn',
        ...fields,
      },
      approved: { kind: 'final', outcome: 'completed' },
      rejected: { kind: 'final', outcome: 'rejected' },
      withdrawn: { kind: 'final', outcome: 'cancelled' },
    },
    {
      participants: APPROVAL_PARTICIPANTS,
      forms: {
        ask: {
          title: 'Ask',
          schema: {
            type: 'object',
            required: ['what'],
            properties: { what: { type: 'string' }, reviewers: { type: 'array', items: { type: 'string' } } },
          },
        },
      },
    },
  );
}

/** Starts `doc` with ann as requester and files the request at 09:00, so `review` is open. */
export function startReview(
  doc: SopDocument,
  input: Record<string, unknown> = {},
  form: Record<string, unknown> = { what: 'a new laptop' },
) {
  const started = startTest(doc, { pm: 'ann', ...input });
  started.driver.send({ type: 'submit', at: MONDAY_9AM, actor: { user: 'ann' }, data: form });
  return started;
}

/** An action by `user` at `at` (default 10:00 Monday). */
export function act(
  user: string,
  type: string,
  extra: Partial<SopEvent> = {},
  at = MONDAY_9AM + 3600_000,
): SopEvent {
  return { type, at, actor: { user }, ...extra };
}

/** Where the project is, and who may act on `review` right now. */
export function where(driver: ProjectDriver): { step: unknown; pending: readonly string[] } {
  const context = driver.snapshot.context as { assignees: Record<string, readonly string[]> };
  return { step: driver.snapshot.value, pending: context.assignees.review ?? [] };
}
