import { approvalSop, act, startReview, where } from '../support/approval-fixtures';
import { HOUR, MONDAY_9AM, runTimersUntil } from '../support/sop-fixtures';

const LATER = MONDAY_9AM + 2 * 24 * HOUR;

describe('approval timeouts', () => {
  it('auto-approves the whole step when a rung takes action approve (超时自动通过)', () => {
    const doc = approvalSop({
      approvers: ['head', 'rndHead'],
      mode: 'all',
      deadline: '4h',
      escalation: [{ after: '1h', action: 'approve' }],
    });
    const { driver } = startReview(doc);
    driver.send(act('mia', 'approve'));
    runTimersUntil(driver, LATER);
    expect(driver.snapshot.value).toBe('approved');
    expect(driver.snapshot.context.approvals.review).toMatchObject({ decision: 'approved', by: '@system' });
  });

  it('auto-rejects when a rung takes action reject (超时自动拒绝)', () => {
    const doc = approvalSop({
      approvers: ['head'],
      deadline: '4h',
      escalation: [{ after: '0h', action: 'reject' }],
    });
    const { driver } = startReview(doc);
    runTimersUntil(driver, LATER);
    expect(driver.snapshot.value).toBe('rejected');
    expect(driver.snapshot.context.approvals.review).toMatchObject({
      decision: 'rejected',
      by: '@system',
      comment: 'automatic reject after escalation',
    });
  });

  it("reassigns a late approver's seat to their manager (assignee.manager), who then decides", () => {
    const doc = approvalSop({
      approvers: ['rndHead', 'head'],
      deadline: '4h',
      escalation: [{ after: '1h', reassign: 'assignee.manager', notify: ['approvalAdmin'] }],
    });
    const { driver } = startReview(doc);
    expect(where(driver).pending).toEqual(['rob']);
    const turns = runTimersUntil(driver, LATER);
    const rung = turns.at(-1)?.turn.effects ?? [];
    expect(rung).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'notify', reason: 'escalation', to: ['ceo'] }),
        expect.objectContaining({ kind: 'record', what: 'reassigned', detail: 'reassigned to ceo' }),
      ]),
    );
    expect(where(driver).pending).toEqual(['ceo']);
    expect(driver.explain(act('rob', 'approve', {}, LATER))?.code).toBe('NOT_ALLOWED');
    driver.send(act('ceo', 'approve', {}, LATER));
    expect(where(driver).pending).toEqual(['mia']);
    expect(driver.snapshot.context.approvals.review?.approvers?.[0]).toMatchObject({
      user: 'ceo',
      transferredFrom: 'rob',
    });
  });

  it('reminds the approvers whose turn it is (assignee) before the deadline', () => {
    const doc = approvalSop({
      approvers: ['head', 'rndHead'],
      deadline: '4h',
      reminders: [{ before: '1h', notify: ['assignee'] }],
    });
    const { driver } = startReview(doc);
    driver.send(act('mia', 'approve'));
    const turns = runTimersUntil(driver, MONDAY_9AM + 3 * HOUR + 1);
    expect(turns.flatMap((t) => t.turn.effects)).toEqual([
      expect.objectContaining({ reason: 'reminder', to: ['rob'] }),
    ]);
  });
});
