import { buildSop, problemsOf, summarize, UNIT_ORG } from '../support/build-sop';

describe('checkOrgReferences', () => {
  it('checks departments, roles and users against the org directory when it is given', () => {
    const sop = buildSop();
    sop.owner = 'marketting';
    sop.participants.head = { headOf: 'rdn' };
    sop.participants.fromInputHead = { headOf: 'input.projectManager' };
    sop.participants.admins = { role: 'ops-admn' };
    sop.participants.ceo = { user: 'li.nna' };
    expect(problemsOf(sop)).toEqual([]);
    const problems = problemsOf(sop, { org: UNIT_ORG });
    expect(summarize(problems)).toEqual([
      'UNKNOWN_DEPARTMENT /owner',
      'UNKNOWN_DEPARTMENT /participants/head/headOf',
      'UNKNOWN_ROLE /participants/admins/role',
      'UNKNOWN_USER /participants/ceo/user',
    ]);
    expect(problems.map((p) => p.hint)).toEqual([
      "did you mean 'marketing'?",
      "did you mean 'rnd'?; or 'input.<field>' to take it from the kickoff input",
      "did you mean 'ops-admin'?",
      "did you mean 'li.na'?",
    ]);
  });
});
