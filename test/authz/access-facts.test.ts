/**
 * The `access` query's facts (what the API's policy reads before every action) agree with the
 * full state view they replace on that path.
 */
import { projectFacts } from '../../api/authz/project-facts';
import { ProjectDriver } from '../../engine/runtime/driver';
import { accessFacts } from '../../workflows/access-facts';
import { buildProjectView } from '../../workflows/project-view';
import { projectArgs } from '../support/project-harness';

const T0 = Date.parse('2026-12-01T01:00:00Z');
const INPUT = { requester: 'zhou.jie', department: 'rnd' };
const REQUEST = {
  title: '切换 CI 到新集群',
  reason: '现有集群容量不足',
  impact: 'high',
  cost: 50000,
  affectedDepartments: ['it', 'service'],
  affectedHeads: ['cao.yong', 'yang.xue'],
  desiredDate: '2027-03-01',
};

describe('accessFacts', () => {
  it('names the current approvers, members and departments as the state view does', () => {
    const args = projectArgs('change-request-approval', INPUT, T0);
    const driver = new ProjectDriver(args.compiled);
    driver.start({ ...args.start, startedAt: T0 });
    const before = accessFacts(args.compiled, driver.snapshot, INPUT);
    expect(before.approvers).toEqual({});
    expect(before.assignees).toEqual({ request: ['zhou.jie'] });

    driver.send({ type: 'submit', at: T0 + 3_600_000, actor: { user: 'zhou.jie' }, data: REQUEST });
    const facts = accessFacts(args.compiled, driver.snapshot, INPUT);
    expect(facts.status).toBe('active');
    expect(facts.approvers).toEqual({ majorHeadApproval: ['zhao.lei'] });

    const view = buildProjectView(args.compiled, driver.snapshot, driver.pending());
    const fromView = projectFacts('p', view, { leadDepartment: facts.departments[0]! });
    expect(facts.approvers).toEqual(fromView.approvers);
    expect([...facts.members].sort()).toEqual([...fromView.members].sort());
    expect(facts.departments).toEqual(fromView.departments);
  });
});
