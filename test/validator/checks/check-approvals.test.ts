import { buildSop, problemsOf, summarize, type SopDraft } from '../support/build-sop';

/** buildSop with `request` leading to an approval flow `review` written with `fields`. */
function withReview(fields: SopDraft): SopDraft {
  const sop = buildSop();
  sop.participants.head = { user: 'li.na' };
  sop.participants.cto = { user: 'zhao.lei' };
  sop.steps.request.next = 'review';
  sop.steps.review = {
    kind: 'approval',
    requester: 'pm',
    subject: 'request',
    deadline: '1h',
    escalation: [{ after: '0h', notify: ['assignee'] }],
    onApprove: 'done',
    onReject: 'done',
    ...fields,
  };
  return sop;
}

describe('checkApprovals', () => {
  it('accepts a complete approval flow', () => {
    const sop = withReview({
      approvers: ['head', 'cto'],
      approversFromInput: 'projectManager',
      approversFromForm: 'forms.request.cost',
      mode: { quorum: 2 },
      sendBackTo: ['request'],
      onWithdraw: 'done',
      cc: ['pm'],
      urgeInterval: '2h',
    });
    expect(problemsOf(sop)).toEqual([]);
  });

  it('reports a send back to a step that is not earlier', () => {
    const sop = withReview({ approvers: ['head'], sendBackTo: ['done'] });
    expect(summarize(problemsOf(sop))).toEqual(['SEND_BACK_NOT_EARLIER /steps/review/sendBackTo/0']);
  });

  it('reports unknown send back targets and approvers like any target or person', () => {
    const sop = withReview({ approvers: ['head', 'ctoo'], sendBackTo: ['requst'] });
    expect(summarize(problemsOf(sop))).toEqual([
      'UNKNOWN_PARTICIPANT /steps/review/approvers/1',
      'UNKNOWN_TARGET /steps/review/sendBackTo/0',
    ]);
  });

  it('reports a quorum larger than the approvers, where their number is known', () => {
    expect(summarize(problemsOf(withReview({ approvers: ['head', 'cto'], mode: { quorum: 3 } })))).toEqual([
      'QUORUM_TOO_LARGE /steps/review/mode/quorum',
    ]);
    const open = withReview({
      approvers: ['head'],
      approversFromInput: 'projectManager',
      mode: { quorum: 3 },
    });
    expect(problemsOf(open)).toEqual([]);
  });

  it('reports an unknown mode, input field and form step', () => {
    const sop = withReview({
      approvers: ['head'],
      approversFromInput: 'reviewers',
      approversFromForm: 'forms.done.who',
      mode: 'majority',
    });
    expect(summarize(problemsOf(sop))).toEqual([
      'UNKNOWN_INPUT_FIELD /steps/review/approversFromInput',
      'NOT_A_FORM_STEP /steps/review/approversFromForm',
      'INVALID_VALUE /steps/review/mode',
    ]);
  });

  it('needs someone to approve', () => {
    const sop = withReview({});
    expect(summarize(problemsOf(sop))).toEqual(['MISSING_KEY /steps/review']);
  });
});
