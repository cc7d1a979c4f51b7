import { act, approvalSop, startReview } from '../support/approval-fixtures';

const TWO = ['head', 'rndHead']; // mia, rob

describe('approval authorization', () => {
  const start = () => startReview(approvalSop({ approvers: TWO })).driver;

  it.each([
    ['approve', {}],
    ['reject', { comment: 'no' }],
    ['transfer', { data: { to: 'ben' } }],
    ['addApprover', { data: { user: 'ben', position: 'after' } }],
    ['sendBack', { data: { to: 'request' }, comment: 'redo' }],
  ])('refuses %s by someone who is not an approver', (type, extra) => {
    expect(start().explain(act('ben', type, extra))).toEqual({
      code: 'NOT_ALLOWED',
      message: `'ben' may not ${type} in step 'review': the current approvers are mia`,
    });
  });

  it('refuses an approver whose turn has not come, naming whose turn it is', () => {
    expect(start().explain(act('rob', 'approve'))).toEqual({
      code: 'NOT_ALLOWED',
      message: "it is not yet 'rob''s turn in step 'review': waiting for mia",
    });
  });

  it('refuses a second decision by the same approver', () => {
    const driver = startReview(approvalSop({ approvers: TWO, mode: 'all' })).driver;
    driver.send(act('mia', 'approve'));
    expect(driver.explain(act('mia', 'reject', { comment: 'changed my mind' }))).toEqual({
      code: 'WRONG_STATE',
      message: "'mia' has already approved in step 'review'",
    });
  });

  it('refuses a rejection without a comment unless requireCommentOnReject is false', () => {
    expect(start().explain(act('mia', 'reject'))).toEqual({
      code: 'INVALID_DATA',
      message: "a rejection in step 'review' needs a comment saying why",
    });
    const lenient = startReview(approvalSop({ approvers: TWO, requireCommentOnReject: false })).driver;
    expect(lenient.explain(act('mia', 'reject'))).toBeUndefined();
  });

  it('checks transfer and addApprover data', () => {
    const driver = start();
    expect(driver.explain(act('mia', 'transfer', { data: { to: 'ghost' } }))).toEqual({
      code: 'INVALID_DATA',
      message: "data.to 'ghost' is not in the org directory",
    });
    expect(driver.explain(act('mia', 'transfer', { data: {} }))?.message).toBe(
      'data.to must be a user id, e.g. "rob"',
    );
    expect(driver.explain(act('mia', 'transfer', { data: { to: 'rob' } }))?.message).toBe(
      "data.to 'rob' is already an approver of step 'review'",
    );
    expect(driver.explain(act('mia', 'addApprover', { data: { user: 'ben', position: 'beside' } }))).toEqual({
      code: 'INVALID_DATA',
      message: "data.position must be one of before, after, parallel, not 'beside'",
    });
    expect(driver.explain(act('mia', 'cc', { data: { users: [] } }))?.code).toBe('INVALID_DATA');
    expect(driver.explain(act('ben', 'cc', { data: { users: ['cat'] } }))?.code).toBe('NOT_ALLOWED');
  });

  it('lets only the person a seat was transferred to act on it', () => {
    const driver = start();
    driver.send(act('mia', 'transfer', { data: { to: 'cat' } }));
    expect(driver.explain(act('mia', 'approve'))?.code).toBe('NOT_ALLOWED');
    expect(driver.explain(act('mia', 'transfer', { data: { to: 'ben' } }))?.code).toBe('NOT_ALLOWED');
    expect(driver.explain(act('cat', 'approve'))).toBeUndefined();
  });

  it('refuses before anything is recorded, and needs an actor', () => {
    const driver = start();
    const before = driver.snapshot.context;
    expect(() => driver.send(act('ben', 'approve'))).toThrow(/\[NOT_ALLOWED\] approve/);
    expect(driver.snapshot.context).toBe(before);
    expect(driver.explain({ type: 'approve', at: 0 })).toEqual({
      code: 'NOT_ALLOWED',
      message: "'approve' needs an actor (actor.user)",
    });
  });

  it('refuses withdraw and urge on a step that names no requester', () => {
    const doc = approvalSop({ approvers: TWO });
    const review = { ...doc.steps.review, requester: undefined };
    const driver = startReview({ ...doc, steps: { ...doc.steps, review } } as typeof doc).driver;
    expect(driver.explain(act('ann', 'urge'))).toEqual({
      code: 'NOT_ALLOWED',
      message: "step 'review' names no 'requester', so nobody may urge",
    });
  });

  it('keeps v1 approvals (one assignee) exactly as they were: no flow actions', () => {
    const doc = approvalSop({});
    const v1 = { kind: 'approval' as const, assignee: 'head', onApprove: 'approved', onReject: 'rejected' };
    const driver = startReview({ ...doc, steps: { ...doc.steps, review: v1 } }).driver;
    expect(driver.explain(act('mia', 'transfer', { data: { to: 'ben' } }))?.code).toBe('WRONG_STATE');
    driver.send(act('mia', 'approve', { comment: 'ok' }));
    expect(driver.snapshot.context.approvals.review).toEqual({
      decision: 'approved',
      by: 'mia',
      at: act('mia', 'approve').at,
      comment: 'ok',
    });
  });
});
