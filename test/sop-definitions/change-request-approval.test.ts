import type { ApprovalStep, SopDocument } from '../../engine/model/sop';
import {
  findStep,
  findStepOfKind,
  loadShippedOrg,
  loadShippedSop,
  resolveParticipant,
  takeChoice,
} from './sop-helpers';

const doc: SopDocument = loadShippedSop('change-request-approval.yaml');
const org = loadShippedOrg();
const route = findStepOfKind(doc, 'route', 'choice');
const APPROVALS = ['minorHeadApproval', 'majorHeadApproval', 'affectedHeadsCountersign', 'ctoApproval'];

function routeFor(impact: string, cost: number): string {
  return takeChoice(route, { forms: { request: { impact, cost } } });
}

/** The approval steps a request passes when every approver approves. */
function approvalsWhenApproved(impact: string, cost: number): string[] {
  const visited: string[] = [];
  let id = routeFor(impact, cost);
  for (let guard = 0; guard < 10; guard++) {
    const step = findStep(doc, id);
    if (step.kind !== 'approval') break;
    visited.push(id);
    id = step.onApprove;
  }
  expect(id).toBe('approvedNotice');
  return visited;
}

describe('change-request-approval.yaml (v2, approval flows)', () => {
  test('is version 2 and starts with the change request form and its fields', () => {
    expect(doc.version).toBe('2.0.0');
    expect(findStepOfKind(doc, doc.initial, 'form').form).toBe('changeRequest');
    const schema = doc.forms?.changeRequest?.schema as {
      required: string[];
      properties: Record<string, { enum?: string[] }>;
      if: unknown;
      else: { required: string[] };
    };
    expect(schema.required.sort()).toEqual([
      'affectedDepartments',
      'cost',
      'desiredDate',
      'impact',
      'reason',
      'title',
    ]);
    expect(schema.properties.impact!.enum).toEqual(['low', 'medium', 'high']);
    // The countersigners are named on the form, required on the route that needs them.
    expect(Object.keys(schema.properties)).toContain('affectedHeads');
    expect(schema.else.required).toEqual(['affectedHeads']);
  });

  test.each([
    ['low', 0, ['minorHeadApproval']],
    ['low', 9999, ['minorHeadApproval']],
    ['low', 9999.5, ['minorHeadApproval']],
    ['low', 10000, ['majorHeadApproval', 'affectedHeadsCountersign', 'ctoApproval']],
    ['medium', 100, ['majorHeadApproval', 'affectedHeadsCountersign', 'ctoApproval']],
    ['high', 0, ['majorHeadApproval', 'affectedHeadsCountersign', 'ctoApproval']],
  ])('routes impact %s costing %d through %j', (impact, cost, expected) => {
    expect(approvalsWhenApproved(impact, cost)).toEqual(expected);
  });

  test("asks the requester's department head, the affected heads together (会签), then the CTO", () => {
    const input = { requester: 'he.yun', department: 'marketing' };
    const approvers = (id: string) =>
      (findStepOfKind(doc, id, 'approval').approvers ?? []).flatMap((ref) =>
        resolveParticipant(doc, ref, org, input),
      );
    expect(approvers('minorHeadApproval')).toEqual(['li.na']);
    expect(approvers('majorHeadApproval')).toEqual(['li.na']);
    expect(approvers('ctoApproval')).toEqual(['chen.hao']);
    const countersign = findStepOfKind(doc, 'affectedHeadsCountersign', 'approval');
    expect(countersign.mode).toBe('all');
    expect(countersign.approvers).toBeUndefined();
    expect(countersign.approversFromForm).toBe('forms.request.affectedHeads');
    for (const id of ['minorHeadApproval', 'majorHeadApproval', 'ctoApproval']) {
      expect({ id, mode: findStepOfKind(doc, id, 'approval').mode }).toEqual({ id, mode: 'sequential' });
    }
  });

  test('every approval may be sent back to the form, withdrawn by the requester, and has an admin', () => {
    for (const id of APPROVALS) {
      const step: ApprovalStep = findStepOfKind(doc, id, 'approval');
      expect({ id, subject: step.subject, sendBackTo: step.sendBackTo }).toEqual({
        id,
        subject: 'request',
        sendBackTo: ['request'],
      });
      expect({ id, requester: step.requester, onWithdraw: step.onWithdraw }).toEqual({
        id,
        requester: 'requester',
        onWithdraw: 'withdrawn',
      });
      expect({ id, onReject: step.onReject }).toEqual({ id, onReject: 'rejectedNotice' });
      expect(resolveParticipant(doc, step.approvalAdmin!, org, {}).sort()).toEqual(['feng.yu', 'xie.fang']);
    }
    // The form, where an edit happens after a send back, may be withdrawn too.
    expect(findStepOfKind(doc, 'request', 'form').on?.withdraw).toEqual({
      target: 'withdrawn',
      by: ['requester'],
    });
  });

  test('copies the ops admins on the final decision of either route', () => {
    const withCc = APPROVALS.filter((id) => findStepOfKind(doc, id, 'approval').cc !== undefined);
    expect(withCc).toEqual(['minorHeadApproval', 'ctoApproval']);
    for (const id of withCc) {
      const cc = findStepOfKind(doc, id, 'approval').cc!;
      expect(cc.flatMap((ref) => resolveParticipant(doc, ref, org, {})).sort()).toEqual([
        'han.mei',
        'xie.fang',
      ]);
    }
    // A rejection on the way (head or countersign) reaches them through the notice.
    expect(findStepOfKind(doc, 'rejectedNotice', 'notify').notify).toContain('opsAdmin');
  });

  test("escalates an unanswered approval to the approver's manager, then the approval admins", () => {
    for (const id of APPROVALS) {
      const step: ApprovalStep = findStepOfKind(doc, id, 'approval');
      expect(step.deadline).toMatch(/business days$/);
      expect(step.reminders?.[0]?.notify).toEqual(['assignee']);
      const rungs = step.escalation ?? [];
      const firstManagerRung = rungs.findIndex((rung) => rung.notify?.includes('assignee.manager'));
      const firstAdminRung = rungs.findIndex((rung) => rung.notify?.includes('approvalAdmin'));
      expect({ id, firstManagerRung: firstManagerRung > 0 }).toEqual({ id, firstManagerRung: true });
      expect({ id, adminAfterManager: firstAdminRung > firstManagerRung }).toEqual({
        id,
        adminAfterManager: true,
      });
    }
    // The department head and the countersigners lose their seat to their manager; the CTO keeps it.
    const reassigned = APPROVALS.filter((id) =>
      (findStepOfKind(doc, id, 'approval').escalation ?? []).some(
        (rung) => rung.reassign === 'assignee.manager',
      ),
    );
    expect(reassigned).toEqual(['minorHeadApproval', 'majorHeadApproval', 'affectedHeadsCountersign']);
  });

  test('announces the decision and ends with the three outcomes', () => {
    const announce = findStepOfKind(doc, 'approvedNotice', 'notify');
    expect(announce.notify).toEqual(expect.arrayContaining(['requester', 'opsAdmin']));
    expect(announce.next).toBe('approved');
    const rejected = findStepOfKind(doc, 'rejectedNotice', 'notify');
    expect(rejected.notify).toContain('requester');
    expect(rejected.next).toBe('rejected');
    const outcomes = ['approved', 'rejected', 'withdrawn'].map(
      (id) => findStepOfKind(doc, id, 'final').outcome,
    );
    expect(outcomes).toEqual(['completed', 'rejected', 'cancelled']);
  });
});
