/**
 * A whole new-product-launch project driven through the REST API only, from kickoff to close,
 * on a real Temporal dev server and worker: the four steps in order, the refusals along the way
 * (each with its HTTP status and the engine's code), and the audit trail at the end.
 */
import { randomUUID } from 'node:crypto';
import type { ActionEntry, HistoryEntry } from '../../api/history/history-entry';
import type { ProjectView } from '../../workflows/project-view';
import { LAUNCH_INPUT, REQUIREMENTS, taskPlan } from '../support/project-harness';
import { startApiHarness, type ApiHarness, type Reply } from './support/api-harness';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApiHarness();
});

afterAll(async () => {
  await api?.close();
});

/** One retrospective per participating department, each filed by its head. */
const RETROSPECTIVES = [
  { user: 'li.na', data: { problems: '研发需求变更未同步给市场', improvements: '变更走变更申请流程' } },
  { user: 'zhao.lei', data: { problems: '芯片供货风险评估不足', improvements: '提前锁定供应商' } },
  { user: 'ma.jun', data: { problems: '渠道资料晚到', improvements: '提前两周准备' } },
  { user: 'yang.xue', data: { problems: '客服培训时间不足', improvements: '上市前一周完成培训' } },
];

function expectRefusal(reply: Reply, status: number, code: string, detail?: string | RegExp) {
  expect(reply.contentType).toMatch(/^application\/problem\+json/);
  expect({ status: reply.status, code: reply.body.code }).toEqual({ status, code });
  if (detail !== undefined) expect(reply.body.detail).toMatch(detail);
}

describe('a new-product-launch project through the API', () => {
  it('runs kickoff → requirement → breakdown → progress → retrospective → closed, refusing out-of-order actions', async () => {
    const key = `launch-${randomUUID()}`;
    const kickoff = await api.request('POST', '/projects', {
      body: { sop: 'new-product-launch', input: LAUNCH_INPUT },
      headers: { 'Idempotency-Key': key },
    });
    expect(kickoff.status).toBe(201);
    const { id, links } = kickoff.body;
    const act = (body: Record<string, unknown>) => api.request('POST', links.actions, { body });
    const state = async (): Promise<ProjectView & { id: string }> =>
      (await api.request('GET', links.self)).body as ProjectView & { id: string };

    // Step 1 需求发起: only the initiator, only a complete form, and nothing from later steps.
    expectRefusal(
      await act({ type: 'task.update', actor: { user: 'sun.peng' }, task: 't1', status: 'in_progress' }),
      409,
      'WRONG_STATE',
      /no current step accepts 'task.update'/,
    );
    expectRefusal(
      await act({ type: 'submit', actor: { user: 'zhang.min' }, data: REQUIREMENTS }),
      403,
      'NOT_ALLOWED',
      "'zhang.min' may not submit the form in step 'requirement': it is assigned to he.yun",
    );
    expectRefusal(
      await act({ type: 'submit', actor: { user: 'he.yun' }, data: { goals: '上市' } }),
      422,
      'INVALID_DATA',
      /missing required field 'scope'/,
    );
    const requirement = await act({
      type: 'submit',
      actor: { user: 'he.yun' },
      data: REQUIREMENTS,
      reason: '客户需求已确认',
    });
    expect(requirement).toMatchObject({ status: 200, body: { id, accepted: true, steps: ['breakdown'] } });

    // Step 2 任务拆解与分配: the plan's names must follow the naming rule.
    const plan = taskPlan('2027-01-10');
    const misnamed = { tasks: [{ ...plan.tasks[0]!, name: 'Aurora-研发' }] };
    expectRefusal(
      await act({ type: 'submit', actor: { user: 'zhang.min' }, data: misnamed }),
      422,
      'INVALID_DATA',
      /does not follow the naming rule/,
    );
    const breakdown = await act({ type: 'submit', actor: { user: 'zhang.min' }, data: plan });
    expect(breakdown.body.steps).toEqual(['progress']);

    // Step 3 进度同步与反馈: each owner finishes their own task.
    const { tasks } = await state();
    expect(tasks.map((t) => [t.name, t.owner])).toEqual([
      ['Aurora-研发-sun.peng-2027-01-10', 'sun.peng'],
      ['Aurora-渠道-lin.tao-2027-01-10', 'lin.tao'],
    ]);
    const [rndTask, channelTask] = tasks;
    expectRefusal(
      await act({ type: 'task.update', actor: { user: 'lin.tao' }, task: rndTask!.id, status: 'done' }),
      403,
      'NOT_ALLOWED',
    );
    expectRefusal(
      await act({ type: 'task.update', actor: { user: 'sun.peng' }, task: 't99', status: 'done' }),
      404,
      'UNKNOWN_TASK',
    );
    expectRefusal(
      await act({ type: 'task.update', actor: { user: 'sun.peng' }, task: rndTask!.id, status: 'finished' }),
      422,
      'INVALID_DATA',
    );
    for (const task of [rndTask!, channelTask!]) {
      const done = await act({
        type: 'task.update',
        actor: { user: task.owner },
        task: task.id,
        status: 'done',
      });
      expect(done.status).toBe(200);
    }
    expect((await state()).activeSteps.map((s: { id: string }) => s.id)).toEqual(['retrospective']);

    // Step 4 复盘与优化: one form per participating department, never two from one department.
    // Finance is not involved at all, so the API's policy refuses before the project is asked.
    expectRefusal(
      await act({ type: 'submit', actor: { user: 'zheng.hua' }, data: RETROSPECTIVES[0]!.data }),
      403,
      'ACCESS_DENIED',
      /'zheng.hua' is not a member of project .* and not in any of its departments/,
    );
    for (const [index, { user, data }] of RETROSPECTIVES.entries()) {
      const filed = await act({ type: 'submit', actor: { user }, data });
      expect(filed.status).toBe(200);
      if (index === 1) {
        // R&D has filed (its head did): a second R&D retrospective is refused.
        expectRefusal(
          await act({ type: 'submit', actor: { user: 'sun.peng' }, data }),
          409,
          'WRONG_STATE',
          "department 'rnd' has already filed 'retrospective'",
        );
      }
    }

    const closed = await state();
    expect(closed).toMatchObject({
      id,
      status: 'completed',
      outcome: 'completed',
      sop: { id: 'new-product-launch', version: '1.0.0' },
      activeSteps: [expect.objectContaining({ id: 'closed', accepts: [] })],
    });
    expect(closed.completedSteps.map((s: { id: string }) => s.id)).toEqual([
      'requirement',
      'breakdown',
      'progress',
      'retrospective',
    ]);

    // The project has ended: actions are refused, and the same key still names the same project.
    expectRefusal(
      await act({ type: 'submit', actor: { user: 'li.na' }, data: RETROSPECTIVES[0]!.data }),
      409,
      'PROJECT_ENDED',
    );
    const repeat = await api.request('POST', '/projects', {
      body: { sop: 'new-product-launch', input: LAUNCH_INPUT },
      headers: { 'Idempotency-Key': key },
    });
    expect(repeat).toMatchObject({ status: 200, body: { id, status: 'completed' } });

    // The audit trail: kickoff, every accepted action in order with its actor, effects, the end.
    const history = await api.request('GET', links.history);
    expect(history.status).toBe(200);
    const events = history.body.events as HistoryEntry[];
    expect(events[0]).toMatchObject({
      kind: 'kickoff',
      sop: { id: 'new-product-launch', version: '1.0.0', hash: kickoff.body.sop.hash },
      input: LAUNCH_INPUT,
      participants: { initiator: ['he.yun'], pm: ['zhang.min'] },
    });
    const actions = events.filter((e): e is ActionEntry => e.kind === 'action');
    expect(actions.map((a) => [a.type, a.actor.user, a.task ?? a.result?.steps.join()])).toEqual([
      ['submit', 'he.yun', 'breakdown'],
      ['submit', 'zhang.min', 'progress'],
      ['task.update', 'sun.peng', rndTask!.id],
      ['task.update', 'lin.tao', channelTask!.id],
      ['submit', 'li.na', 'retrospective'],
      ['submit', 'zhao.lei', 'retrospective'],
      ['submit', 'ma.jun', 'retrospective'],
      ['submit', 'yang.xue', 'closed'],
    ]);
    expect(actions[0]).toMatchObject({ data: REQUIREMENTS, reason: '客户需求已确认' });
    expect(actions[2]).toMatchObject({ status: 'done' });
    const times = events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events.find((e) => e.kind === 'notification')).toMatchObject({
      reason: expect.any(String),
      recipients: expect.arrayContaining([expect.any(String)]),
      delivered: true,
    });
    expect(events.at(-1)).toMatchObject({
      kind: 'completed',
      outcome: { status: 'completed', outcome: 'completed' },
    });
    expect(history.body).toMatchObject({ id, runs: 1 });
  });
});
