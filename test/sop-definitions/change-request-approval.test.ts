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
  expect(findStep(doc, id).kind).toBe('notify');
  return visited;
}

describe('change-request-approval.yaml', () => {
  test('starts with the change request form and its fields', () => {
    expect(findStepOfKind(doc, doc.initial, 'form').form).toBe('changeRequest');
    const schema = doc.forms?.changeRequest?.schema as {
      required: string[];
      properties: { impact: { enum: string[] } };
    };
    expect(schema.required.sort()).toEqual([
      'affectedDepartments',
      'cost',
      'desiredDate',
      'impact',
      'reason',
      'title',
    ]);
    expect(schema.properties.impact.enum).toEqual(['low', 'medium', 'high']);
  });

  test.each([
    ['low', 0, ['minorHeadApproval']],
    ['low', 9999, ['minorHeadApproval']],
    ['low', 9999.5, ['minorHeadApproval']],
    ['low', 10000, ['majorHeadApproval', 'ctoApproval']],
    ['medium', 100, ['majorHeadApproval', 'ctoApproval']],
    ['high', 0, ['majorHeadApproval', 'ctoApproval']],
  ])('routes impact %s costing %d through %j', (impact, cost, expected) => {
    expect(approvalsWhenApproved(impact, cost)).toEqual(expected);
  });

  test("asks the requester's department head first, then the CTO", () => {
    const input = { requester: 'he.yun', department: 'marketing' };
    const approver = (id: string) =>
      resolveParticipant(doc, findStepOfKind(doc, id, 'approval').assignee!, org, input);
    expect(approver('minorHeadApproval')).toEqual(['li.na']);
    expect(approver('majorHeadApproval')).toEqual(['li.na']);
    expect(approver('ctoApproval')).toEqual(['chen.hao']);
  });

  test("escalates an unanswered approval to the approver's manager, then the approval admins", () => {
    const input = { requester: 'lin.tao', department: 'sales' };
    for (const id of ['minorHeadApproval', 'majorHeadApproval', 'ctoApproval']) {
      const step: ApprovalStep = findStepOfKind(doc, id, 'approval');
      expect(step.deadline).toMatch(/business days$/);
      const approver = resolveParticipant(doc, step.assignee!, org, input)[0]!;
      const approverManager = org.users.find((u) => u.id === approver)?.manager;
      const resolve = (ref: string) =>
        resolveParticipant(doc, ref === 'assignee' ? step.assignee! : ref, org, input);
      const told = (step.escalation ?? []).map((rung) => (rung.notify ?? []).flatMap(resolve));
      const firstManagerRung = told.findIndex((people) => people.includes(approverManager!));
      const firstAdminRung = told.findIndex((people) => people.includes('feng.yu'));
      expect({ id, firstManagerRung: firstManagerRung > 0 }).toEqual({ id, firstManagerRung: true });
      expect({ id, adminAfterManager: firstAdminRung > firstManagerRung }).toEqual({
        id,
        adminAfterManager: true,
      });
    }
  });

  test('sends a rejection back to the requester, who resubmits or withdraws', () => {
    for (const id of ['minorHeadApproval', 'majorHeadApproval', 'ctoApproval']) {
      expect(findStepOfKind(doc, id, 'approval').onReject).toBe('rejectedNotice');
    }
    const revise = findStepOfKind(doc, findStepOfKind(doc, 'rejectedNotice', 'notify').next, 'form');
    expect(revise.assignee).toBe('requester');
    const reviseRoute = findStepOfKind(doc, revise.next!, 'choice');
    expect(takeChoice(reviseRoute, { forms: { revise: { decision: 'resubmit' } } })).toBe(doc.initial);
    expect(takeChoice(reviseRoute, { forms: { revise: { decision: 'withdraw' } } })).toBe('withdrawn');
    expect(revise.escalation?.at(-1)?.goto).toBe('rejected');
  });

  test('lets the requester withdraw while the request is open or pending', () => {
    for (const id of ['request', 'minorHeadApproval', 'majorHeadApproval', 'ctoApproval']) {
      const step = findStep(doc, id);
      expect(step.kind === 'final' ? undefined : step.on?.withdraw).toEqual({
        target: 'withdrawn',
        by: ['requester'],
      });
    }
  });

  test('announces an approval and ends with the three outcomes', () => {
    const announce = findStepOfKind(doc, 'approvedNotice', 'notify');
    expect(announce.notify).toContain('requester');
    expect(announce.next).toBe('approved');
    const outcomes = ['approved', 'rejected', 'withdrawn'].map(
      (id) => findStepOfKind(doc, id, 'final').outcome,
    );
    expect(outcomes).toEqual(['completed', 'rejected', 'cancelled']);
  });
});
