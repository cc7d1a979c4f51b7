/**
 * The authorization policy as a table: principal × access → allowed (by which rule) or denied
 * (with which rule and reason). Pure; the same principals act over the real API in
 * test/api/authorization-matrix.api.test.ts.
 */
import { principalFor, type Principal } from '../../api/auth/principal';
import type { ProjectFacts } from '../../api/authz/project-facts';
import { authorize, type Access } from '../../api/authz/policy';
import { loadOrgDirectory } from '../../engine/loader';
import { join } from 'node:path';

const { org } = loadOrgDirectory(join(__dirname, '..', '..', 'sop-definitions', 'org.yaml'));

function who(id: string, roles: readonly string[] = []): Principal {
  const principal = principalFor(org!, id, roles, 'jwt');
  if (!principal) throw new Error(`no user ${id}`);
  return principal;
}

function actor(id: string) {
  return {
    id,
    department: org!.users.find((u) => u.id === id)?.department,
    heads: org!.departments.filter((d) => d.head === id).map((d) => d.id),
  };
}

/** A launch project of marketing, kicked off by he.yun, with a sales task owned by lin.tao. */
const LAUNCH: ProjectFacts = {
  id: 'project-launch',
  owner: 'he.yun',
  members: ['he.yun', 'zhang.min', 'li.na', 'sun.peng', 'lin.tao'],
  participants: { initiator: ['he.yun'], pm: ['zhang.min'], marketingHead: ['li.na'] },
  departments: ['marketing', 'sales'],
  approvers: {},
  ended: false,
};

/** A change request waiting on the R&D head's approval. */
const CHANGE: ProjectFacts = {
  id: 'project-change',
  owner: 'zhou.jie',
  members: ['zhou.jie', 'zhao.lei'],
  participants: { requester: ['zhou.jie'] },
  departments: ['rnd'],
  approvers: { majorHeadApproval: ['zhao.lei'] },
  ended: false,
};

const act = (project: ProjectFacts, type: string, as: string, step?: string): Access => ({
  kind: 'project.act',
  project,
  action: { type, actor: actor(as), ...(step ? { step } : {}) },
});

type Row = readonly [name: string, principal: Principal, access: Access, expected: string, reason?: RegExp];

const ROWS: readonly Row[] = [
  // SOPs: everyone reads; only ops admins validate.
  ['anyone reads SOPs', who('tang.wen'), { kind: 'sop.read' }, 'allow:authenticated'],
  ['an ops admin validates SOP files', who('xie.fang'), { kind: 'sop.validate' }, 'allow:ops-admin'],
  [
    'a plain employee may not validate',
    who('he.yun'),
    { kind: 'sop.validate' },
    'deny:not-ops-admin',
    /ops admins/,
  ],
  // Kickoff: anyone but a pure auditor.
  ['an employee kicks off', who('he.yun'), { kind: 'project.kickoff', sop: 'x' }, 'allow:authenticated'],
  [
    'a pure auditor may not kick off',
    who('song.jia'),
    { kind: 'project.kickoff', sop: 'x' },
    'deny:auditor-read-only',
    /change nothing/,
  ],
  [
    'an auditor who is also a PM kicks off',
    who('deng.chao'),
    { kind: 'project.kickoff', sop: 'x' },
    'allow:authenticated',
  ],
  // Reading a project.
  [
    'an auditor reads any project',
    who('song.jia'),
    { kind: 'project.read', project: LAUNCH },
    'allow:auditor-reads-all',
  ],
  ['a member reads it', who('sun.peng'), { kind: 'project.read', project: LAUNCH }, 'allow:member'],
  [
    'the head of a department in it reads it',
    who('ma.jun'),
    { kind: 'project.read', project: LAUNCH },
    'allow:department-head',
  ],
  [
    "a member's manager reads it",
    who('liu.yang'),
    { kind: 'project.read', project: LAUNCH },
    'allow:manager-of-member',
  ],
  [
    'an uninvolved employee may not',
    who('tang.wen'),
    { kind: 'project.read', project: LAUNCH },
    'deny:not-involved',
    /not involved in project project-launch/,
  ],
  ['an integration reads it', who('oa-bridge'), { kind: 'audit.read', project: LAUNCH }, 'allow:integration'],
  // Cancelling.
  ['the owner cancels', who('he.yun'), { kind: 'project.cancel', project: LAUNCH }, 'allow:project-manager'],
  ['the PM cancels', who('zhang.min'), { kind: 'project.cancel', project: LAUNCH }, 'allow:project-manager'],
  ['an ops admin cancels', who('han.mei'), { kind: 'project.cancel', project: LAUNCH }, 'allow:ops-admin'],
  [
    'a member may not cancel',
    who('sun.peng'),
    { kind: 'project.cancel', project: LAUNCH },
    'deny:not-project-manager',
    /only the project's owner or manager \(he.yun, zhang.min\)/,
  ],
  [
    'an auditor may not cancel',
    who('song.jia'),
    { kind: 'project.cancel', project: LAUNCH },
    'deny:auditor-read-only',
    /auditor role/,
  ],
  // Acting.
  ['a member acts as themself', who('sun.peng'), act(LAUNCH, 'task.update', 'sun.peng'), 'allow:member'],
  [
    'nobody acts as someone else',
    who('sun.peng'),
    act(LAUNCH, 'task.update', 'lin.tao'),
    'deny:no-impersonation',
    /only accounts with the 'integration' role/,
  ],
  ['an integration relays for a member', who('oa-bridge'), act(LAUNCH, 'submit', 'he.yun'), 'allow:member'],
  [
    'an integration cannot make a stranger act',
    who('oa-bridge'),
    act(LAUNCH, 'submit', 'tang.wen'),
    'deny:not-member',
    /'tang.wen' is not a member/,
  ],
  [
    'a head acts for a department in the project',
    who('ma.jun'),
    act(LAUNCH, 'task.update', 'ma.jun'),
    'allow:department-head',
  ],
  [
    'a department member files for their department',
    who('xu.jing'),
    act(LAUNCH, 'submit', 'xu.jing'),
    'allow:department-member',
  ],
  [
    'an outsider may not act',
    who('tang.wen'),
    act(LAUNCH, 'submit', 'tang.wen'),
    'deny:not-member',
    /not in any of its departments \(marketing, sales\)/,
  ],
  [
    'an auditor may not act',
    who('song.jia'),
    act(LAUNCH, 'submit', 'song.jia'),
    'deny:auditor-read-only',
    /reads everything and changes nothing/,
  ],
  // Approvals: only what awaits you.
  ['the current approver approves', who('zhao.lei'), act(CHANGE, 'approve', 'zhao.lei'), 'allow:member'],
  [
    'the CTO may not approve out of turn',
    who('chen.hao'),
    act(CHANGE, 'approve', 'chen.hao'),
    'deny:not-current-approver',
    /awaiting: majorHeadApproval \(zhao.lei\)/,
  ],
  [
    'a member may not approve for the approver',
    who('zhou.jie'),
    act(CHANGE, 'reject', 'zhou.jie'),
    'deny:not-current-approver',
  ],
  // Work lists.
  ['own work', who('he.yun'), { kind: 'work.read' }, 'allow:own-work'],
  ["a manager reads a report's work", who('li.na'), { kind: 'work.read', user: 'he.yun' }, 'allow:manager'],
  [
    "a peer may not read another's work",
    who('gao.fei'),
    { kind: 'work.read', user: 'he.yun' },
    'deny:not-own-work',
  ],
  [
    "a head reads the department's work",
    who('li.na'),
    { kind: 'work.read', department: 'marketing' },
    'allow:department-head',
  ],
  [
    "a member may not read the department's work",
    who('he.yun'),
    { kind: 'work.read', department: 'marketing' },
    'deny:not-department-head',
  ],
  // KPIs and metrics.
  ['a head reads KPIs', who('li.na'), { kind: 'kpis.read' }, 'allow:kpi-reader'],
  ['an auditor reads KPIs', who('song.jia'), { kind: 'kpis.read' }, 'allow:kpi-reader'],
  ['an employee may not read KPIs', who('he.yun'), { kind: 'kpis.read' }, 'deny:not-kpi-reader'],
  ['monitoring scrapes metrics', who('prometheus'), { kind: 'metrics.read' }, 'allow:monitoring'],
  ['an employee may not scrape metrics', who('he.yun'), { kind: 'metrics.read' }, 'deny:not-monitoring'],
  [
    'a token-granted role counts',
    who('he.yun', ['monitoring']),
    { kind: 'metrics.read' },
    'allow:monitoring',
  ],
];

describe('authorization policy', () => {
  it.each(ROWS.map((row) => ({ name: row[0], row })))('$name', ({ row }) => {
    const [, principal, access, expected, reason] = row;
    const decision = authorize(principal, access);
    expect(`${decision.allowed ? 'allow' : 'deny'}:${decision.rule}`).toBe(expected);
    if (!decision.allowed) {
      expect(decision.reason.length).toBeGreaterThan(20);
      if (reason) expect(decision.reason).toMatch(reason);
    }
  });

  it('derives heads, reports and roles from the org directory', () => {
    const head = who('li.na');
    expect(head).toMatchObject({ department: 'marketing', heads: ['marketing'], roles: ['project-manager'] });
    expect([...head.reports].sort()).toEqual(['gao.fei', 'he.yun', 'zhang.min']);
    expect(who('liu.yang').reports).toEqual(expect.arrayContaining(['li.na', 'he.yun', 'tang.wen']));
    expect(principalFor(org!, 'nobody', [], 'jwt')).toBeUndefined();
  });
});
