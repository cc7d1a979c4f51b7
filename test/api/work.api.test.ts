/**
 * Everyday work through the REST API, end to end on a real Temporal dev server and worker: the
 * task lists of people and departments (`GET /work/tasks`), claiming, status updates, asking for
 * help and completing tasks of a new-product-launch project in its `progress` step, who may act
 * on whose task, and the approvals waiting on a change request's current approver
 * (`GET /work/approvals`). Every test drives projects of its own (fresh Idempotency-Keys); lists
 * span every active project, so assertions look at the test's own project, plus whole-list
 * properties that hold whatever else runs.
 */
import { randomUUID } from 'node:crypto';
import type { TaskView } from '../../workflows/project-view';
import { CHANGE_REQUEST_FORM, LAUNCH_INPUT, REQUIREMENTS, taskPlan } from '../support/project-harness';
import { startApiHarness, type ApiHarness, type Reply } from './support/api-harness';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApiHarness();
});

afterAll(async () => {
  await api?.close();
});

interface WorkItem {
  readonly project: string;
  readonly kind: string;
  readonly step: string;
  readonly task?: string;
  readonly title: string;
  readonly assignees: readonly string[];
  readonly status?: string;
  readonly dueAt?: string;
  readonly accepts?: readonly string[];
}

function expectProblem(reply: Reply, status: number, code: string, detail?: string | RegExp) {
  expect(reply.contentType).toMatch(/^application\/problem\+json/);
  expect({ status: reply.status, code: reply.body.code, body: reply.body }).toMatchObject({ status, code });
  if (detail !== undefined) expect(reply.body.detail).toMatch(detail);
}

function expectAccepted(reply: Reply, id: string, steps: readonly string[]) {
  expect({ status: reply.status, body: reply.body }).toEqual({
    status: 200,
    body: { id, accepted: true, status: 'active', steps },
  });
}

/** Polls until `done` holds (the list of active projects lags a kickoff by a moment). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within 15 s; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const listOf = (kind: 'tasks' | 'approvals', as: string, query = '') =>
  api.request('GET', `/work/${kind}${query}`, { as });

/** The items of one project in a work list. */
function itemsOf(reply: Reply, project: string): WorkItem[] {
  expect({ status: reply.status, body: reply.body }).toMatchObject({ status: 200 });
  return (reply.body.items as WorkItem[]).filter((item) => item.project === project);
}

/** A user's (or department's) list once it shows the project: it is scanned only once listed. */
const listShowing = (kind: 'tasks' | 'approvals', as: string, project: string, query = '') =>
  eventually(
    () => listOf(kind, as, query),
    (reply) => reply.status === 200 && itemsOf(reply, project).length > 0,
    `${as}'s /work/${kind}${query} shows project ${project}`,
  );

async function kickOff(body: unknown, as: string): Promise<string> {
  const reply = await api.request('POST', '/projects', {
    body,
    as,
    headers: { 'Idempotency-Key': `work-${randomUUID()}` },
  });
  expect({ status: reply.status, body: reply.body }).toMatchObject({ status: 201 });
  return reply.body.id as string;
}

async function tasksOf(id: string): Promise<TaskView[]> {
  const reply = await api.request('GET', `/projects/${id}`);
  expect(reply.status).toBe(200);
  return reply.body.tasks as TaskView[];
}

/**
 * A launch project in its `progress` step with two tasks: t1 "Aurora-研发-sun.peng-…" led by R&D
 * (collaborating: marketing) and t2 "Aurora-渠道-lin.tao-…" led by sales (collaborating: service).
 */
async function launchInProgress(): Promise<{ id: string; tasks: TaskView[] }> {
  const id = await kickOff({ sop: 'new-product-launch', input: LAUNCH_INPUT }, 'zhang.min');
  const submit = (step: string, as: string, data: unknown) =>
    api.request('POST', `/projects/${id}/steps/${step}/submit`, { as, body: { data } });
  expectAccepted(await submit('requirement', 'he.yun', REQUIREMENTS), id, ['breakdown']);
  expectAccepted(await submit('breakdown', 'zhang.min', taskPlan('2027-01-10')), id, ['progress']);
  const tasks = await tasksOf(id);
  expect(tasks.map((t) => [t.id, t.owner, t.leadDepartment, t.status])).toEqual([
    ['t1', 'sun.peng', 'rnd', 'todo'],
    ['t2', 'lin.tao', 'sales', 'todo'],
  ]);
  return { id, tasks };
}

describe('GET /work/tasks', () => {
  it("lists exactly the caller's open tasks, with project, step, task id, title, due date and status", async () => {
    const { id, tasks } = await launchInProgress();
    const [rnd, channel] = tasks as [TaskView, TaskView];
    const mine = await listShowing('tasks', 'sun.peng', id);
    expect(mine.body.user).toBe('sun.peng');
    expect(itemsOf(mine, id)).toEqual([
      {
        project: id,
        sop: 'new-product-launch',
        kind: 'task',
        step: 'progress',
        task: rnd.id,
        title: 'Aurora-研发-sun.peng-2027-01-10',
        assignees: ['sun.peng'],
        status: 'todo',
        dueAt: rnd.dueAt,
        overdue: false,
        links: { project: `/projects/${id}` },
      },
    ]);
    expect(rnd.dueAt).toBe('2027-01-10T16:00:00.000Z'); // the end of the due day in Asia/Shanghai
    // Across every active project: only work sun.peng shares in, soonest due first.
    const items = mine.body.items as WorkItem[];
    for (const item of items) expect(item.assignees).toContain('sun.peng');
    const dues = items.map((item) => item.dueAt ?? '\uffff');
    expect(dues).toEqual([...dues].sort());
    expect(mine.body.scannedProjects).toBeGreaterThanOrEqual(1);

    const theirs = await listOf('tasks', 'lin.tao');
    expect(itemsOf(theirs, id).map((item) => [item.task, item.title, item.status])).toEqual([
      [channel.id, channel.name, 'todo'],
    ]);
    // The project manager split the work but owns no task of it.
    expect(itemsOf(await listOf('tasks', 'zhang.min'), id).filter((item) => item.kind === 'task')).toEqual(
      [],
    );
  });

  it("lists a department's tasks for its head (and auditors), refusing other people", async () => {
    const { id } = await launchInProgress();
    const rnd = await listShowing('tasks', 'zhao.lei', id, '?department=rnd');
    expect(rnd.body).toMatchObject({ department: 'rnd' });
    expect(rnd.body.user).toBeUndefined();
    expect(itemsOf(rnd, id).map((item) => [item.task, item.assignees])).toEqual([['t1', ['sun.peng']]]);
    const sales = await listOf('tasks', 'ma.jun', '?department=sales');
    expect(itemsOf(sales, id).map((item) => [item.task, item.assignees])).toEqual([['t2', ['lin.tao']]]);
    const audited = await listOf('tasks', 'song.jia', '?department=rnd');
    expect(itemsOf(audited, id)).toEqual(itemsOf(rnd, id));

    expectProblem(
      await listOf('tasks', 'li.na', '?department=rnd'),
      403,
      'ACCESS_DENIED',
      "only the head of 'rnd' (or an ops admin or auditor) may list its work",
    );
    expectProblem(await listOf('tasks', 'sun.peng', '?department=rnd'), 403, 'ACCESS_DENIED');
    expectProblem(
      await listOf('tasks', 'zhao.lei', '?department=legal'),
      400,
      'INVALID_QUERY',
      /rnd, marketing/,
    );
    expectProblem(
      await listOf('tasks', 'zhao.lei', '?user=sun.peng&department=rnd'),
      400,
      'INVALID_QUERY',
      'give either user or department, not both',
    );
  });

  it("shows another user's list to their managers only: a peer or another department's head is refused", async () => {
    const { id } = await launchInProgress();
    const own = await listShowing('tasks', 'sun.peng', id);
    expectProblem(
      await listOf('tasks', 'zhou.jie', '?user=sun.peng'),
      403,
      'ACCESS_DENIED',
      "'zhou.jie' may list only their own work and that of people reporting to them, not 'sun.peng'",
    );
    expectProblem(await listOf('tasks', 'li.na', '?user=sun.peng'), 403, 'ACCESS_DENIED');
    for (const manager of ['zhao.lei', 'chen.hao']) {
      // The head of R&D, and the CTO above them.
      const seen = await listOf('tasks', manager, '?user=sun.peng');
      expect(seen.body.user).toBe('sun.peng');
      expect(itemsOf(seen, id)).toEqual(itemsOf(own, id));
    }
    expect(itemsOf(await listOf('tasks', 'sun.peng', '?user=sun.peng'), id)).toEqual(itemsOf(own, id));
  });
});

describe('a task from claim to done', () => {
  it('claim once, in progress, blocked, needs help (only when blocked), done: then it leaves the list', async () => {
    const { id } = await launchInProgress();
    const post = (action: string, as: string, body?: unknown) =>
      api.request('POST', `/projects/${id}/tasks/t1/${action}`, {
        as,
        ...(body !== undefined ? { body } : {}),
      });
    const t1 = async () => (await tasksOf(id)).find((t) => t.id === 't1')!;
    const listed = async () => itemsOf(await listShowing('tasks', 'sun.peng', id), id);

    expect((await t1()).acknowledgedAt).toBeUndefined();
    const beforeClaim = Date.now();
    expectAccepted(await post('claim', 'sun.peng'), id, ['progress']);
    // An ISO 8601 time like every other time of the project view (it was epoch milliseconds).
    const { acknowledgedAt } = await t1();
    expect(acknowledgedAt).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/));
    expect(Date.parse(acknowledgedAt!)).toBeGreaterThanOrEqual(beforeClaim - 1000);
    expect(Date.parse(acknowledgedAt!)).toBeLessThanOrEqual(Date.now() + 1000);
    expectProblem(await post('claim', 'sun.peng'), 409, 'WRONG_STATE', "task 't1' was already acknowledged");
    expectProblem(
      await post('needs-help', 'sun.peng', { comment: '需要协助' }),
      409,
      'WRONG_STATE',
      "task 't1' must be marked blocked before asking for help",
    );

    expectAccepted(await post('status', 'sun.peng', { status: 'in_progress' }), id, ['progress']);
    expect((await listed()).map((item) => item.status)).toEqual(['in_progress']);
    expectProblem(await post('needs-help', 'sun.peng', {}), 409, 'WRONG_STATE', /must be marked blocked/);
    expectAccepted(await post('status', 'sun.peng', { status: 'blocked', comment: '等待芯片供货' }), id, [
      'progress',
    ]);
    expect((await listed()).map((item) => item.status)).toEqual(['blocked']);
    expectAccepted(await post('needs-help', 'sun.peng', { comment: '需要采购部协助' }), id, ['progress']);
    expect(await t1()).toMatchObject({ status: 'blocked', needsHelp: true });
    // The heads of the lead (R&D) and collaborating (marketing) departments hear about it.
    const log = await eventually(
      () => api.request('GET', `/projects/${id}/notifications`, { as: 'zhao.lei' }),
      (reply) =>
        reply.body.notifications?.some((n: { reason: string }) => n.reason === 'needs-help') === true,
      'the needs-help notification is logged',
    );
    const help = log.body.notifications.find((n: { reason: string }) => n.reason === 'needs-help');
    expect(help).toMatchObject({ task: 't1', message: expect.stringContaining('需要采购部协助') });
    expect([...help.recipients].sort()).toEqual(['li.na', 'zhao.lei']);

    expectAccepted(
      await post('complete', 'sun.peng', { data: { build: 'V1.0-终稿' }, comment: '已交付' }),
      id,
      ['progress'],
    );
    const done = await t1();
    expect(done).toMatchObject({
      status: 'done',
      needsHelp: false,
      acknowledgedAt,
      completedAt: expect.any(String),
    });
    expect(Date.parse(done.completedAt!)).toBeGreaterThanOrEqual(Date.parse(acknowledgedAt!));
    const after = await listOf('tasks', 'sun.peng');
    expect(itemsOf(after, id)).toEqual([]);
    expectProblem(await post('complete', 'sun.peng', {}), 409, 'WRONG_STATE', "task 't1' is already done");
    expectProblem(await post('status', 'sun.peng', { status: 'in_progress' }), 409, 'WRONG_STATE');

    // The project's history has every step of it, each by the owner.
    const history = await api.request('GET', `/projects/${id}/history`);
    const actions = (history.body.events as { kind: string; type?: string; status?: string; task?: string }[])
      .filter((e) => e.kind === 'action' && e.task === 't1')
      .map((e) => [e.type, e.status]);
    expect(actions).toEqual([
      ['task.acknowledge', undefined],
      ['task.update', 'in_progress'],
      ['task.update', 'blocked'],
      ['task.needsHelp', undefined],
      ['task.update', 'done'],
    ]);
  });

  it("lets the head of the task's lead department act for it, and refuses a peer in another department with a reason", async () => {
    const { id } = await launchInProgress();
    const post = (task: string, action: string, as: string, body?: unknown) =>
      api.request('POST', `/projects/${id}/tasks/${task}/${action}`, {
        as,
        ...(body !== undefined ? { body } : {}),
      });
    // A colleague from sales is on the project, but t1 is R&D's: the project refuses.
    expectProblem(
      await post('t1', 'status', 'lin.tao', { status: 'in_progress' }),
      403,
      'NOT_ALLOWED',
      "'lin.tao' is neither the owner, a collaborator nor the head of the lead department of task 't1'",
    );
    // Heading another department is no standing either, and the head of R&D does not act for sales.
    expectProblem(await post('t1', 'complete', 'ma.jun', {}), 403, 'NOT_ALLOWED', /'ma.jun' is neither/);
    expectProblem(await post('t2', 'status', 'zhao.lei', { status: 'blocked' }), 403, 'NOT_ALLOWED');
    // Someone from a department with no part in the project is refused by the API's policy.
    expectProblem(
      await post('t1', 'status', 'tang.wen', { status: 'in_progress' }),
      403,
      'ACCESS_DENIED',
      new RegExp(`'tang.wen' is not a member of project ${id} and not in any of its departments`),
    );
    // Acknowledging stays the owner's own act.
    expectProblem(await post('t1', 'claim', 'zhao.lei'), 403, 'NOT_ALLOWED', /only the owner of task 't1'/);
    expect((await tasksOf(id)).map((t) => t.status)).toEqual(['todo', 'todo']);

    expectAccepted(
      await post('t1', 'status', 'zhao.lei', { status: 'in_progress', comment: '孙鹏休假，我来跟进' }),
      id,
      ['progress'],
    );
    expectAccepted(await post('t1', 'complete', 'zhao.lei', { comment: '负责人代为关闭' }), id, ['progress']);
    expect((await tasksOf(id)).map((t) => [t.id, t.status])).toEqual([
      ['t1', 'done'],
      ['t2', 'todo'],
    ]);
    const history = await api.request('GET', `/projects/${id}/history`);
    const byHead = (
      history.body.events as { kind: string; task?: string; actor?: { user: string } }[]
    ).filter((e) => e.kind === 'action' && e.task === 't1');
    expect(byHead.map((e) => e.actor?.user)).toEqual(['zhao.lei', 'zhao.lei']);
  });
});

describe('GET /work/approvals', () => {
  it("lists a change request's pending approval for its current approvers only, as it moves along", async () => {
    const id = await kickOff(
      { sop: 'change-request-approval', input: { requester: 'zhou.jie', department: 'rnd' } },
      'zhou.jie',
    );
    const form = await listShowing('tasks', 'zhou.jie', id);
    expect(itemsOf(form, id)).toEqual([
      expect.objectContaining({
        kind: 'form',
        step: 'request',
        assignees: ['zhou.jie'],
        accepts: expect.arrayContaining(['submit', 'withdraw']),
      }),
    ]);
    expect(itemsOf(await listOf('approvals', 'zhao.lei'), id)).toEqual([]);

    const submitted = await api.request('POST', `/projects/${id}/steps/request/submit`, {
      as: 'zhou.jie',
      body: {
        data: CHANGE_REQUEST_FORM,
      },
    });
    expectAccepted(submitted, id, ['majorHeadApproval']);

    /** Who has which step of this project awaiting them, among everyone the flow involves. */
    const awaiting = async () => {
      const people = ['zhou.jie', 'zhao.lei', 'cao.yong', 'yang.xue', 'chen.hao', 'xie.fang'];
      const lists = await Promise.all(people.map((user) => listOf('approvals', user)));
      return Object.fromEntries(
        people
          .map((user, index) => [user, itemsOf(lists[index]!, id).map((item) => item.step)] as const)
          .filter(([, steps]) => steps.length > 0),
      );
    };
    expect(await awaiting()).toEqual({ 'zhao.lei': ['majorHeadApproval'] });
    const [pending] = itemsOf(await listOf('approvals', 'zhao.lei'), id);
    expect(pending).toEqual({
      project: id,
      sop: 'change-request-approval',
      kind: 'approval',
      step: 'majorHeadApproval',
      title: '部门负责人审批 (一级)',
      assignees: ['zhao.lei'],
      dueAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      overdue: false,
      accepts: expect.arrayContaining(['approve', 'reject', 'sendBack']),
      links: { project: `/projects/${id}` },
    });
    // Approvals are not tasks: the form left the requester's list and nothing joined the approver's.
    expect(itemsOf(await listOf('tasks', 'zhou.jie'), id)).toEqual([]);
    expect(itemsOf(await listOf('tasks', 'zhao.lei'), id)).toEqual([]);
    // The department's head sees it under the department too.
    expect(itemsOf(await listOf('approvals', 'zhao.lei', '?department=rnd'), id).map((i) => i.step)).toEqual([
      'majorHeadApproval',
    ]);

    const decide = (step: string, as: string) =>
      api.request('POST', `/projects/${id}/approvals/${step}/decision`, {
        as,
        body: { decision: 'approve', comment: '同意' },
      });
    expectAccepted(await decide('majorHeadApproval', 'zhao.lei'), id, ['affectedHeadsCountersign']);
    expect(await awaiting()).toEqual({
      'cao.yong': ['affectedHeadsCountersign'],
      'yang.xue': ['affectedHeadsCountersign'],
    });
    expect(itemsOf(await listOf('approvals', 'cao.yong', '?department=it'), id).map((i) => i.step)).toEqual([
      'affectedHeadsCountersign',
    ]);
    expectAccepted(await decide('affectedHeadsCountersign', 'yang.xue'), id, ['affectedHeadsCountersign']);
    expect(await awaiting()).toEqual({ 'cao.yong': ['affectedHeadsCountersign'] });
    expectAccepted(await decide('affectedHeadsCountersign', 'cao.yong'), id, ['ctoApproval']);
    expect(await awaiting()).toEqual({ 'chen.hao': ['ctoApproval'] });
  });
});
