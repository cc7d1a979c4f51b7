import { act, approvalSop, startReview, where } from '../support/approval-fixtures';
import { HOUR, MONDAY_9AM } from '../support/sop-fixtures';

const TWO = ['head', 'rndHead']; // mia, rob

describe('approval actions', () => {
  it("sendBack (退回): returns to the requester's form, which opens a fresh approval when filed again", () => {
    const { driver } = startReview(approvalSop({ approvers: TWO }));
    driver.send(act('mia', 'sendBack', { data: { to: 'request' }, comment: 'add the cost' }));
    expect(driver.snapshot.value).toBe('request');
    expect(driver.snapshot.context.approvals.review).toMatchObject({
      outcome: 'sentBack',
      sentBackTo: 'request',
      actions: [{ action: 'sendBack', by: 'mia', comment: 'add the cost', data: { to: 'request' } }],
    });
    driver.send({ type: 'submit', at: MONDAY_9AM + 2 * HOUR, actor: { user: 'ann' }, data: { what: 'x' } });
    expect(where(driver)).toEqual({ step: 'review', pending: ['mia'] });
    expect(driver.snapshot.context.approvals.review).toMatchObject({ outcome: 'open', actions: [] });
  });

  it('sendBack goes only to the declared sendBackTo steps or the subject form', () => {
    const doc = approvalSop({ approvers: TWO, sendBackTo: ['request'] });
    const { driver } = startReview(doc);
    expect(driver.explain(act('mia', 'sendBack', { data: { to: 'approved' }, comment: 'x' }))).toEqual({
      code: 'INVALID_DATA',
      message: "data.to must name a step that step 'review' may send back to: request",
    });
    expect(driver.explain(act('mia', 'sendBack', { data: { to: 'request' } }))).toEqual({
      code: 'INVALID_DATA',
      message: "a send back in step 'review' needs a comment saying why",
    });
  });

  it('withdraw (撤回): the requester ends an open approval; nobody else may', () => {
    const { driver } = startReview(approvalSop({ approvers: TWO }));
    expect(driver.explain(act('mia', 'withdraw'))).toEqual({
      code: 'NOT_ALLOWED',
      message: "only the requester (ann) may withdraw in step 'review', not 'mia'",
    });
    driver.send(act('ann', 'withdraw', { comment: 'not needed any more' }));
    expect(driver.snapshot.value).toBe('withdrawn');
    expect(driver.snapshot.context.approvals.review).toMatchObject({ outcome: 'withdrawn' });
    expect(driver.snapshot.context.approvals.review?.decision).toBeUndefined();
  });

  it('transfer (转交): the new person acts instead of the approver who handed over', () => {
    const { driver } = startReview(approvalSop({ approvers: TWO }));
    const turn = driver.send(act('mia', 'transfer', { data: { to: 'ben' }, comment: 'ben knows this' }));
    expect(turn.effects).toEqual([expect.objectContaining({ reason: 'assigned', to: ['ben'] })]);
    expect(where(driver).pending).toEqual(['ben']);
    expect(driver.explain(act('mia', 'approve'))?.code).toBe('NOT_ALLOWED');
    driver.send(act('ben', 'approve'));
    expect(where(driver).pending).toEqual(['rob']);
    expect(driver.snapshot.context.approvals.review?.approvers?.[0]).toMatchObject({
      user: 'ben',
      transferredFrom: 'mia',
      decision: 'approved',
    });
  });

  it('addApprover before (前加签): the added approver decides first, then the adder', () => {
    const { driver } = startReview(approvalSop({ approvers: TWO }));
    driver.send(act('mia', 'addApprover', { data: { user: 'cat', position: 'before' } }));
    expect(where(driver).pending).toEqual(['cat']);
    driver.send(act('cat', 'approve'));
    expect(where(driver).pending).toEqual(['mia']);
    driver.send(act('mia', 'approve'));
    driver.send(act('rob', 'approve'));
    expect(driver.snapshot.value).toBe('approved');
  });

  it('addApprover after (后加签): the added approver also decides, right after the adder', () => {
    const { driver } = startReview(approvalSop({ approvers: TWO }));
    driver.send(act('mia', 'addApprover', { data: { user: 'cat', position: 'after' } }));
    expect(where(driver).pending).toEqual(['mia']);
    driver.send(act('mia', 'approve'));
    expect(where(driver).pending).toEqual(['cat']);
    driver.send(act('cat', 'approve'));
    expect(where(driver).pending).toEqual(['rob']);
  });

  it("addApprover parallel: the added approver joins the adder's turn", () => {
    const { driver } = startReview(approvalSop({ approvers: TWO, mode: 'all' }));
    driver.send(act('rob', 'addApprover', { data: { user: 'cat', position: 'parallel' } }));
    expect(where(driver).pending).toEqual(['mia', 'rob', 'cat']);
    driver.send(act('mia', 'approve'));
    driver.send(act('rob', 'approve'));
    expect(driver.snapshot.value).toBe('review');
    driver.send(act('cat', 'approve'));
    expect(driver.snapshot.value).toBe('approved');
  });

  it('cc (抄送): readers are told now and of the outcome, and cannot act', () => {
    const { driver } = startReview(approvalSop({ approvers: ['head'], cc: ['chief'] }));
    const copied = driver.send(act('mia', 'cc', { data: { users: ['cat'] }, comment: 'FYI' }));
    expect(copied.effects).toEqual([expect.objectContaining({ kind: 'notify', reason: 'cc', to: ['cat'] })]);
    expect(driver.explain(act('cat', 'approve'))?.code).toBe('NOT_ALLOWED');
    const decided = driver.send(act('mia', 'approve'));
    expect(decided.effects).toEqual([
      expect.objectContaining({ reason: 'cc', to: ['ceo', 'cat'], message: '"Review" was approved' }),
    ]);
  });

  it('urge (催办): the requester reminds the pending approvers, at most once per urgeInterval', () => {
    const { driver } = startReview(approvalSop({ approvers: TWO, mode: 'all', urgeInterval: '2h' }));
    const at = MONDAY_9AM + HOUR;
    const urged = driver.send(act('ann', 'urge', {}, at));
    expect(urged.effects).toEqual([expect.objectContaining({ reason: 'urge', to: ['mia', 'rob'] })]);
    expect(driver.explain(act('ann', 'urge', {}, at + HOUR))).toEqual({
      code: 'WRONG_STATE',
      message:
        "step 'review' was urged at 2026-12-07T10:00:00.000Z; urge again from 2026-12-07T12:00:00.000Z (once every 2h)",
    });
    expect(driver.explain(act('mia', 'urge', {}, at + 3 * HOUR))?.code).toBe('NOT_ALLOWED');
    driver.send(act('mia', 'approve', {}, at + HOUR));
    const again = driver.send(act('ann', 'urge', {}, at + 2 * HOUR));
    expect(again.effects).toEqual([expect.objectContaining({ reason: 'urge', to: ['rob'] })]);
  });

  it('records every action with actor, time and comment', () => {
    const { driver } = startReview(approvalSop({ approvers: TWO }));
    driver.send(act('ann', 'urge', { comment: 'please' }, MONDAY_9AM + HOUR));
    driver.send(act('mia', 'approve', { comment: 'ok' }, MONDAY_9AM + 2 * HOUR));
    expect(driver.snapshot.context.approvals.review?.actions).toEqual([
      { action: 'urge', by: 'ann', at: MONDAY_9AM + HOUR, comment: 'please' },
      { action: 'approve', by: 'mia', at: MONDAY_9AM + 2 * HOUR, comment: 'ok' },
    ]);
  });
});
