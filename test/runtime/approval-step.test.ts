import type { SopDocument } from '../../engine/model/sop';
import { HOUR, makeSop, MONDAY_9AM, runTimersUntil, startTest } from '../support/sop-fixtures';
import { explainText } from '../support/explain-text';

const doc: SopDocument = makeSop({
  review: {
    kind: 'approval',
    assignee: 'head',
    deadline: '2 working hours',
    escalation: [{ after: '1 working hours', action: 'approve' }],
    onApprove: 'approved',
    onReject: 'rejected',
  },
  approved: { kind: 'final', outcome: 'completed' },
  rejected: { kind: 'final', outcome: 'rejected' },
});

describe('approval step', () => {
  it('approves by the assignee and records the decision', () => {
    const { driver } = startTest(doc);
    driver.send({ type: 'approve', at: MONDAY_9AM + HOUR, actor: { user: 'mia' }, comment: 'ok' });
    expect(driver.snapshot.value).toBe('approved');
    expect(driver.snapshot.context.approvals.review).toEqual({
      decision: 'approved',
      by: 'mia',
      at: MONDAY_9AM + HOUR,
      comment: 'ok',
    });
  });

  it('refuses a rejection without a comment, and any decision by someone else', () => {
    const { driver } = startTest(doc);
    expect(explainText(driver, { type: 'reject', at: MONDAY_9AM, actor: { user: 'mia' } })).toBe(
      "a rejection in step 'review' needs a comment saying why",
    );
    expect(explainText(driver, { type: 'approve', at: MONDAY_9AM, actor: { user: 'ann' } })).toMatch(
      /'ann' may not approve/,
    );
    driver.send({ type: 'reject', at: MONDAY_9AM, actor: { user: 'mia' }, comment: 'too costly' });
    expect(driver.snapshot.value).toBe('rejected');
  });

  it('takes the automatic decision of an escalation rung in working time', () => {
    const { driver } = startTest(doc, { pm: 'ann' }, MONDAY_9AM + 7 * HOUR); // Monday 16:00: 1 working hour left today
    const turns = runTimersUntil(driver, MONDAY_9AM + 3 * 24 * HOUR);
    // due Tuesday 10:00 (2 working hours from Mon 16:00), rung one working hour later: Tuesday 11:00
    expect(turns.map((t) => new Date(t.at).toISOString())).toEqual([
      '2026-12-08T10:00:00.000Z',
      '2026-12-08T11:00:00.000Z',
    ]);
    expect(driver.snapshot.value).toBe('approved');
    expect(driver.snapshot.context.approvals.review).toMatchObject({ decision: 'approved', by: '@system' });
  });
});
