import { act, approvalSop, startReview, where } from '../support/approval-fixtures';

describe('approval resolution rules', () => {
  it('adds approvers chosen at kickoff (approversFromInput) and in a form (approversFromForm)', () => {
    const doc = approvalSop({
      approvers: ['head'],
      approversFromInput: 'extra',
      approversFromForm: 'forms.request.reviewers',
      mode: 'all',
    });
    const { driver } = startReview(doc, { extra: ['rob'] }, { what: 'x', reviewers: ['cat'] });
    expect(where(driver).pending).toEqual(['mia', 'rob', 'cat']);
  });

  it('asks a duplicated approver once, and leaves out people not in the org directory', () => {
    const doc = approvalSop({
      approvers: ['head', 'rndHead', 'head'],
      approversFromInput: 'extra',
      mode: 'all',
    });
    const { driver, first } = startReview(doc, { extra: ['rob', 'ghost'] });
    expect(where(driver).pending).toEqual(['mia', 'rob']);
    expect(first.effects).toBeDefined();
    expect(driver.snapshot.context.approvals.review?.approvers).toHaveLength(2);
  });

  it.each([
    ['keep', ['mia', 'ann'], 'review'],
    ['skip', ['mia'], 'review'],
    ['approve', ['mia'], 'review'],
  ] as const)('ifRequesterIsApprover: %s', (rule, pending, step) => {
    const doc = approvalSop({
      approversFromInput: 'pm',
      approvers: ['head'],
      mode: 'all',
      ifRequesterIsApprover: rule,
    });
    const { driver } = startReview(doc);
    expect(where(driver)).toEqual({ step, pending });
    if (rule === 'approve') {
      expect(driver.snapshot.context.approvals.review?.approvers?.[1]).toMatchObject({
        user: 'ann',
        decision: 'approved',
        auto: true,
      });
    }
  });

  it('ifRequesterIsApprover: approve lets a request approve itself when the requester is the only approver', () => {
    const doc = approvalSop({ approversFromInput: 'pm', ifRequesterIsApprover: 'approve' });
    const { driver } = startReview(doc);
    expect(driver.snapshot.value).toBe('approved');
  });

  it('ifNobody: admin (the default) hands the step to the approval admin', () => {
    const { driver } = startReview(approvalSop({ approversFromInput: 'nobodyHere' }));
    expect(where(driver).pending).toEqual(['ceo']);
    driver.send(act('ceo', 'approve'));
    expect(driver.snapshot.value).toBe('approved');
  });

  it('ifNobody: admin refuses when no approval admin resolves', () => {
    // ann's manager's manager (ceo) has no manager: the admin reference resolves to nobody.
    const doc = approvalSop({
      approversFromInput: 'nobodyHere',
      approvalAdmin: 'requester.manager.manager.manager',
    });
    const { driver } = startReview(doc);
    expect(driver.snapshot.value).toBe('rejected');
  });

  it('ifNobody: skip approves automatically; refuse rejects automatically', () => {
    const skipped = startReview(approvalSop({ approversFromInput: 'none', ifNobody: 'skip' })).driver;
    expect(skipped.snapshot.value).toBe('approved');
    expect(skipped.snapshot.context.approvals.review).toMatchObject({
      decision: 'approved',
      by: '@system',
      comment: 'nobody to approve: skipped',
    });
    const refused = startReview(approvalSop({ approversFromInput: 'none', ifNobody: 'refuse' })).driver;
    expect(refused.snapshot.value).toBe('rejected');
  });

  it('counts the requester skipped by ifRequesterIsApprover as nobody left', () => {
    const doc = approvalSop({ approversFromInput: 'pm', ifRequesterIsApprover: 'skip', ifNobody: 'refuse' });
    expect(startReview(doc).driver.snapshot.value).toBe('rejected');
  });
});
