/**
 * The authorization matrix over the real API: each row is a person (a JWT for an org user) × a
 * request → the answer (allowed, or 401/403 with its code and reason). Every refusal on a project
 * must also appear in that project's audit trail. The same rules as a pure table:
 * test/authz/policy.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { CHANGE_REQUEST_FORM, LAUNCH_INPUT, REQUIREMENTS } from '../support/project-harness';
import { startApiHarness, type ApiHarness, type Reply } from './support/api-harness';

let api: ApiHarness;
let launch = '';
let change = '';

const CHANGE_REQUEST = CHANGE_REQUEST_FORM;

async function kickoff(as: string, body: unknown): Promise<string> {
  const reply = await api.request('POST', '/projects', {
    as,
    body,
    headers: { 'Idempotency-Key': randomUUID() },
  });
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}

beforeAll(async () => {
  api = await startApiHarness();
  launch = await kickoff('he.yun', { sop: 'new-product-launch', input: LAUNCH_INPUT });
  change = await kickoff('zhou.jie', {
    sop: 'change-request-approval',
    input: { requester: 'zhou.jie', department: 'rnd' },
  });
  const filed = await api.request('POST', `/projects/${change}/steps/request/submit`, {
    as: 'zhou.jie',
    body: { data: CHANGE_REQUEST },
  });
  expect(filed.status).toBe(200);
});

afterAll(async () => {
  await api?.close();
});

type Expected = 200 | 201 | 'UNAUTHENTICATED' | `ACCESS_DENIED:${string}`;

interface Row {
  readonly who: string | null;
  readonly what: string;
  readonly request: () => { method: string; path: string; body?: unknown; headers?: Record<string, string> };
  readonly expected: Expected;
  /** The refusal's reason must match this. */
  readonly reason?: RegExp;
  /** The project whose trail must record the refusal. */
  readonly project?: () => string;
}

const P = () => launch;
const C = () => change;
const get = (path: () => string) => () => ({ method: 'GET', path: path() });
const post = (path: () => string, body: unknown) => () => ({ method: 'POST', path: path(), body });

const ROWS: readonly Row[] = [
  // Nothing without credentials, but health and the API's description.
  { who: null, what: 'GET /healthz', request: get(() => '/healthz'), expected: 200 },
  { who: null, what: 'GET /openapi.json', request: get(() => '/openapi.json'), expected: 200 },
  { who: null, what: 'GET /sops', request: get(() => '/sops'), expected: 'UNAUTHENTICATED' },
  {
    who: null,
    what: 'GET /projects/:id',
    request: get(() => `/projects/${P()}`),
    expected: 'UNAUTHENTICATED',
  },
  // SOPs: everyone reads, ops admins validate.
  { who: 'tang.wen', what: 'list SOPs', request: get(() => '/sops'), expected: 200 },
  {
    who: 'xie.fang',
    what: 'validate an SOP',
    request: post(() => '/sops/validate', { yaml: 'id: x' }),
    expected: 200,
  },
  {
    who: 'he.yun',
    what: 'validate an SOP',
    request: post(() => '/sops/validate', { yaml: 'id: x' }),
    expected: 'ACCESS_DENIED:not-ops-admin',
    reason: /for ops admins \('ops-admin' role\); 'he.yun' does not hold it/,
  },
  // Kicking off: anyone but a pure auditor.
  {
    who: 'song.jia',
    what: 'kick off a project',
    request: () => ({
      method: 'POST',
      path: '/projects',
      body: { sop: 'new-product-launch', input: LAUNCH_INPUT },
      headers: { 'Idempotency-Key': randomUUID() },
    }),
    expected: 'ACCESS_DENIED:auditor-read-only',
    reason: /auditors read everything and change nothing/,
  },
  // Reading a project: members, heads of its departments, managers of members, auditors, ops.
  {
    who: 'sun.peng',
    what: 'read the launch (member)',
    request: get(() => `/projects/${P()}`),
    expected: 200,
  },
  {
    who: 'li.na',
    what: 'read the launch (head of marketing)',
    request: get(() => `/projects/${P()}`),
    expected: 200,
  },
  {
    who: 'song.jia',
    what: 'read the launch (auditor)',
    request: get(() => `/projects/${P()}`),
    expected: 200,
  },
  {
    who: 'xie.fang',
    what: 'read the launch (ops admin)',
    request: get(() => `/projects/${P()}`),
    expected: 200,
  },
  {
    who: 'liu.yang',
    what: "read the launch (members' manager)",
    request: get(() => `/projects/${P()}`),
    expected: 200,
  },
  {
    who: 'tang.wen',
    what: 'read the launch (uninvolved)',
    request: get(() => `/projects/${P()}`),
    expected: 'ACCESS_DENIED:not-involved',
    reason: /'tang.wen' is not involved in project/,
    project: P,
  },
  {
    who: 'tang.wen',
    what: "read the launch's audit trail (uninvolved)",
    request: get(() => `/projects/${P()}/audit`),
    expected: 'ACCESS_DENIED:not-involved',
    project: P,
  },
  {
    who: 'song.jia',
    what: "read the launch's audit trail (auditor)",
    request: get(() => `/projects/${P()}/audit`),
    expected: 200,
  },
  // Acting: only as yourself, on what the project gives you.
  {
    who: 'he.yun',
    what: 'file the requirements as zhang.min',
    request: post(() => `/projects/${P()}/actions`, {
      type: 'submit',
      actor: { user: 'zhang.min' },
      data: REQUIREMENTS,
    }),
    expected: 'ACCESS_DENIED:no-impersonation',
    reason: /'he.yun' may not act as 'zhang.min'/,
    project: P,
  },
  {
    who: 'zheng.hua',
    what: 'file the requirements (uninvolved head)',
    request: post(() => `/projects/${P()}/steps/requirement/submit`, { data: REQUIREMENTS }),
    expected: 'ACCESS_DENIED:not-member',
    reason: /'zheng.hua' is not a member of project .* and not in any of its departments/,
    project: P,
  },
  {
    who: 'song.jia',
    what: 'file the requirements (auditor)',
    request: post(() => `/projects/${P()}/steps/requirement/submit`, { data: REQUIREMENTS }),
    expected: 'ACCESS_DENIED:auditor-read-only',
    reason: /holds the auditor role, which reads everything and changes nothing/,
    project: P,
  },
  // Cancelling: owner, project manager, lead department head, ops admin.
  {
    who: 'sun.peng',
    what: 'cancel the launch (member)',
    request: post(() => `/projects/${P()}/cancel`, { reason: 'no budget' }),
    expected: 'ACCESS_DENIED:not-project-manager',
    reason: /only the project's owner or manager \(he.yun, zhang.min\)/,
    project: P,
  },
  {
    who: 'song.jia',
    what: 'cancel the launch (auditor)',
    request: post(() => `/projects/${P()}/cancel`, { reason: 'audit' }),
    expected: 'ACCESS_DENIED:auditor-read-only',
    project: P,
  },
  // Approvals: only what awaits you.
  {
    who: 'chen.hao',
    what: 'approve the change out of turn (CTO)',
    request: post(() => `/projects/${C()}/approvals/majorHeadApproval/decision`, { decision: 'approve' }),
    expected: 'ACCESS_DENIED:not-current-approver',
    reason: /'chen.hao' has nothing awaiting their approval .* awaiting: majorHeadApproval \(zhao.lei\)/,
    project: C,
  },
  {
    who: 'zhou.jie',
    what: 'approve their own change (requester)',
    request: post(() => `/projects/${C()}/actions`, { type: 'approve' }),
    expected: 'ACCESS_DENIED:not-current-approver',
    project: C,
  },
  {
    who: 'zhao.lei',
    what: 'see pending approvals (approver)',
    request: get(() => '/work/approvals'),
    expected: 200,
  },
  // Work lists, KPIs, metrics.
  { who: 'he.yun', what: 'list own tasks', request: get(() => '/work/tasks'), expected: 200 },
  {
    who: 'li.na',
    what: "list a report's tasks (manager)",
    request: get(() => '/work/tasks?user=he.yun'),
    expected: 200,
  },
  {
    who: 'gao.fei',
    what: "list a peer's tasks",
    request: get(() => '/work/tasks?user=he.yun'),
    expected: 'ACCESS_DENIED:not-own-work',
  },
  {
    who: 'he.yun',
    what: "list the department's tasks (not its head)",
    request: get(() => '/work/tasks?department=marketing'),
    expected: 'ACCESS_DENIED:not-department-head',
  },
  {
    who: 'li.na',
    what: 'read KPIs (department head)',
    request: get(() => '/kpis?sop=change-request-approval'),
    expected: 200,
  },
  { who: 'he.yun', what: 'read KPIs', request: get(() => '/kpis'), expected: 'ACCESS_DENIED:not-kpi-reader' },
  { who: 'prometheus', what: 'scrape metrics', request: get(() => '/metrics'), expected: 200 },
  {
    who: 'he.yun',
    what: 'scrape metrics',
    request: get(() => '/metrics'),
    expected: 'ACCESS_DENIED:not-monitoring',
  },
];

async function send(row: Row): Promise<Reply> {
  const { method, path, body, headers } = row.request();
  return api.request(method, path, {
    as: row.who,
    ...(body !== undefined ? { body } : {}),
    ...(headers ? { headers } : {}),
  });
}

describe('authorization matrix over the API', () => {
  it.each(ROWS.map((row) => ({ name: `${row.who ?? 'anonymous'} → ${row.what}: ${row.expected}`, row })))(
    '$name',
    async ({ row }) => {
      const reply = await send(row);
      if (typeof row.expected === 'number') {
        expect({ status: reply.status, body: reply.status < 300 ? 'ok' : reply.body }).toEqual({
          status: row.expected,
          body: 'ok',
        });
        return;
      }
      if (row.expected === 'UNAUTHENTICATED') {
        expect({ status: reply.status, code: reply.body.code }).toEqual({
          status: 401,
          code: 'UNAUTHENTICATED',
        });
        return;
      }
      const rule = row.expected.slice('ACCESS_DENIED:'.length);
      expect({ status: reply.status, code: reply.body.code, rule: reply.body.rule }).toEqual({
        status: 403,
        code: 'ACCESS_DENIED',
        rule,
      });
      expect(reply.contentType).toMatch(/^application\/problem\+json/);
      expect(reply.body.detail).toEqual(expect.any(String));
      if (row.reason) expect(reply.body.detail).toMatch(row.reason);
    },
  );

  it("records every refusal on a project in that project's audit trail, with who, what and why", async () => {
    for (const project of [launch, change]) {
      const expected = ROWS.filter((row) => row.project?.() === project);
      const trail = await api.request('GET', `/projects/${project}/audit`, { as: 'song.jia' });
      expect(trail.status).toBe(200);
      const denials = (
        trail.body.entries as { action: string; actor: { user: string }; reason: string }[]
      ).filter((e) => e.action === 'access.denied');
      for (const row of expected) {
        expect(denials).toContainEqual(
          expect.objectContaining({
            actor: expect.objectContaining({ user: row.who }),
            reason: expect.any(String),
          }),
        );
      }
      expect(denials.length).toBeGreaterThanOrEqual(expected.length);
    }
  });

  it('lets the right people through where the policy allows and the SOP agrees', async () => {
    const filed = await api.request('POST', `/projects/${launch}/steps/requirement/submit`, {
      as: 'he.yun',
      body: { data: REQUIREMENTS },
    });
    expect(filed.status).toBe(200);
    const approved = await api.request('POST', `/projects/${change}/approvals/majorHeadApproval/decision`, {
      as: 'zhao.lei',
      body: { decision: 'approve', comment: '同意' },
    });
    expect(approved.status).toBe(200);
    const project = await kickoff('he.yun', { sop: 'new-product-launch', input: LAUNCH_INPUT });
    const cancelled = await api.request('POST', `/projects/${project}/cancel`, {
      as: 'zhang.min',
      body: { reason: '预算取消' },
    });
    expect(cancelled).toMatchObject({ status: 200, body: { id: project, status: 'cancelled' } });
  });

  it('counts requests by route, project starts and refusals in /metrics', async () => {
    const metrics = await api.request('GET', '/metrics', { as: 'prometheus' });
    expect(metrics.status).toBe(200);
    const text = metrics.body as string;
    /** The value of the sample of `name` carrying every label given (labels in any order). */
    const value = (name: string, labels: Record<string, string>) => {
      const line = text
        .split('\n')
        .find(
          (l) =>
            l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
        );
      return Number(line?.split(' ').at(-1) ?? NaN);
    };
    expect(
      value('sop_workflow_starts_total', { sop: 'new-product-launch', outcome: 'created' }),
    ).toBeGreaterThanOrEqual(2);
    expect(value('sop_auth_denials_total', { reason: 'not-current-approver' })).toBe(2);
    expect(value('sop_auth_denials_total', { reason: 'missing' })).toBe(2);
    expect(
      value('http_requests_total', { method: 'POST', route: '/projects', status: '201' }),
    ).toBeGreaterThanOrEqual(3);
    // Routes are labelled by pattern, never by the raw URL (bounded label values).
    expect(text).toContain('route="/projects/:id"');
    expect(text).not.toMatch(/route="\/projects\/project-/);
  });
});
