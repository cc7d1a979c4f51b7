import type { ApprovalSeat } from '../../engine/runtime/approval/approval-record';
import { RejectedActionError } from '../../engine/runtime/driver';
import { act, approvalSop, startReview, where } from '../support/approval-fixtures';
import { HOUR, MONDAY_9AM } from '../support/sop-fixtures';

const THREE = ['head', 'rndHead', 'chief']; // mia, rob, ceo

describe('approval modes', () => {
  it('sequential (依次审批): asks one approver after another, in the listed order', () => {
    const { driver } = startReview(approvalSop({ approvers: THREE, mode: 'sequential' }));
    expect(where(driver)).toEqual({ step: 'review', pending: ['mia'] });
    const turn = driver.send(act('mia', 'approve'));
    expect(turn.effects).toEqual([
      expect.objectContaining({ kind: 'notify', reason: 'assigned', to: ['rob'] }),
    ]);
    expect(where(driver).pending).toEqual(['rob']);
    driver.send(act('rob', 'approve'));
    driver.send(act('ceo', 'approve', { comment: 'fine' }));
    expect(driver.snapshot.value).toBe('approved');
    expect(driver.snapshot.context.approvals.review).toMatchObject({
      outcome: 'approved',
      decision: 'approved',
      by: 'ceo',
      comment: 'fine',
    });
  });

  it('defaults to sequential, and one rejection ends a sequential flow', () => {
    const { driver } = startReview(approvalSop({ approvers: THREE }));
    driver.send(act('mia', 'approve'));
    driver.send(act('rob', 'reject', { comment: 'no budget' }));
    expect(driver.snapshot.value).toBe('rejected');
    expect(driver.snapshot.context.approvals.review?.approvers?.map((s: ApprovalSeat) => s.decision)).toEqual(
      ['approved', 'rejected', undefined],
    );
  });

  it('all (会签): everyone at once; all must approve, one rejection rejects', () => {
    const approving = startReview(approvalSop({ approvers: THREE, mode: 'all' })).driver;
    expect(where(approving).pending).toEqual(['mia', 'rob', 'ceo']);
    approving.send(act('rob', 'approve'));
    approving.send(act('mia', 'approve'));
    expect(where(approving)).toEqual({ step: 'review', pending: ['ceo'] });
    approving.send(act('ceo', 'approve'));
    expect(approving.snapshot.value).toBe('approved');

    const rejecting = startReview(approvalSop({ approvers: THREE, mode: 'all' })).driver;
    rejecting.send(act('mia', 'approve'));
    rejecting.send(act('ceo', 'reject', { comment: 'too early' }));
    expect(rejecting.snapshot.value).toBe('rejected');
  });

  it('any (或签): the first decision decides, approve or reject', () => {
    const approving = startReview(approvalSop({ approvers: THREE, mode: 'any' })).driver;
    approving.send(act('rob', 'approve'));
    expect(approving.snapshot.value).toBe('approved');
    expect(approving.snapshot.context.approvals.review).toMatchObject({ decision: 'approved', by: 'rob' });

    const rejecting = startReview(approvalSop({ approvers: THREE, mode: 'any' })).driver;
    rejecting.send(act('ceo', 'reject', { comment: 'no' }));
    expect(rejecting.snapshot.value).toBe('rejected');
  });

  it('any: two approvers approving at the same moment yield exactly one decision', () => {
    const { driver } = startReview(approvalSop({ approvers: THREE, mode: 'any' }));
    const at = MONDAY_9AM + HOUR;
    driver.send(act('mia', 'approve', {}, at));
    expect(() => driver.send(act('rob', 'approve', {}, at))).toThrow(RejectedActionError);
    expect(driver.explain(act('rob', 'approve', {}, at))?.code).toBe('PROJECT_ENDED');
    const record = driver.snapshot.context.approvals.review;
    expect(record?.actions).toEqual([{ action: 'approve', by: 'mia', at }]);
    expect(record?.approvers?.filter((s: ApprovalSeat) => s.decision !== undefined)).toHaveLength(1);
    expect(record).toMatchObject({ decision: 'approved', by: 'mia' });
  });

  it('quorum: N approvals approve; rejected as soon as N can no longer be reached', () => {
    const approving = startReview(approvalSop({ approvers: THREE, mode: { quorum: 2 } })).driver;
    approving.send(act('mia', 'reject', { comment: 'meh' }));
    expect(approving.snapshot.value).toBe('review');
    approving.send(act('rob', 'approve'));
    approving.send(act('ceo', 'approve'));
    expect(approving.snapshot.value).toBe('approved');

    const rejecting = startReview(approvalSop({ approvers: THREE, mode: { quorum: 2 } })).driver;
    rejecting.send(act('mia', 'reject', { comment: 'no' }));
    rejecting.send(act('rob', 'reject', { comment: 'no' }));
    expect(rejecting.snapshot.value).toBe('rejected');
  });

  it('percent: a share of the approvers, rounded up to whole people', () => {
    // 60% of 3 = 1.8, so 2 approvals
    const { driver } = startReview(approvalSop({ approvers: THREE, mode: { percent: 60 } }));
    driver.send(act('mia', 'approve'));
    expect(driver.snapshot.value).toBe('review');
    driver.send(act('ceo', 'approve'));
    expect(driver.snapshot.value).toBe('approved');
  });

  it('a quorum larger than the approvers who resolved needs all of them', () => {
    const { driver } = startReview(approvalSop({ approvers: ['head', 'rndHead'], mode: { quorum: 5 } }));
    driver.send(act('mia', 'approve'));
    expect(driver.snapshot.value).toBe('review');
    driver.send(act('rob', 'approve'));
    expect(driver.snapshot.value).toBe('approved');
  });

  it('shows the approval to CEL guards as approvals.<step>', () => {
    const doc = approvalSop({ approvers: ['head', 'rndHead'], mode: 'all', onApprove: 'route' });
    const steps = {
      ...doc.steps,
      route: {
        kind: 'choice' as const,
        routes: [
          {
            when: 'approvals.review.decision == "approved" && size(approvals.review.approvers) == 2',
            target: 'approved',
          },
        ],
        otherwise: 'rejected',
      },
    };
    const { driver } = startReview({ ...doc, steps });
    driver.send(act('mia', 'approve'));
    driver.send(act('rob', 'approve'));
    expect(driver.snapshot.value).toBe('approved');
  });
});
