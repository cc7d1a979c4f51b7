/**
 * The `access` query's facts (what the API's policy reads before every action) agree with the
 * full state view they replace on that path.
 */
import { projectFacts } from '../../api/authz/project-facts';
import { ProjectDriver } from '../../engine/runtime/driver';
import { accessFacts } from '../../workflows/access-facts';
import { buildProjectView } from '../../workflows/project-view';
import { CHANGE_REQUEST_FORM, CHANGE_REQUEST_INPUT, projectArgs } from '../support/project-harness';

const T0 = Date.parse('2026-12-01T01:00:00Z');
const INPUT = CHANGE_REQUEST_INPUT;
const REQUEST = CHANGE_REQUEST_FORM;

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
