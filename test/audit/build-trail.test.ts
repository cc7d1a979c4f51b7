/**
 * buildAuditTrail over the recorded real project histories (test/histories) and over small
 * hand-made histories for what the recordings do not contain.
 */
import type { HistoryEntry } from '../../api/history/history-entry';
import type { AuditEntry } from '../../audit/audit-entry';
import { buildAuditTrail } from '../../audit/build-trail';
import type { DenialRecord } from '../../audit/denial-record';
import { toJsonl } from '../../audit/export';
import { verifyTrail } from '../../audit/hash-chain';
import { loadRecordedEntries, RECORDED_PROJECTS, type RecordedProject } from './support/recorded-histories';

const trails = new Map<RecordedProject, AuditEntry[]>();
const histories = new Map<RecordedProject, HistoryEntry[]>();

beforeAll(async () => {
  for (const project of RECORDED_PROJECTS) {
    const entries = await loadRecordedEntries(project);
    histories.set(project, entries);
    trails.set(project, buildAuditTrail(`project-${project}`, entries));
  }
});

const trailOf = (project: RecordedProject) => trails.get(project)!;
const find = (project: RecordedProject, predicate: (e: AuditEntry) => boolean) =>
  trailOf(project).find(predicate)!;

describe('buildAuditTrail over recorded histories', () => {
  it.each(RECORDED_PROJECTS)('%s: one entry per history entry, numbered from 1, chain intact', (project) => {
    const trail = trailOf(project);
    expect(trail).toHaveLength(histories.get(project)!.length);
    expect(trail.map((e) => e.seq)).toEqual(trail.map((_, i) => i + 1));
    expect(verifyTrail(trail)).toEqual({
      ok: true,
      entries: trail.length,
      lastHash: trail[trail.length - 1]!.hash,
    });
  });

  it.each(RECORDED_PROJECTS)('%s: every entry has a readable one-sentence summary', (project) => {
    for (const entry of trailOf(project)) {
      expect(entry.summary).toMatch(/^\S.{10,}[.”]$/s);
      expect(entry.summary).not.toMatch(/undefined|\[object Object\]|\n/);
    }
  });

  it.each(RECORDED_PROJECTS)('%s: optional fields are absent rather than empty', (project) => {
    for (const entry of trailOf(project)) {
      for (const field of ['step', 'task', 'reason', 'before', 'after'] as const) {
        if (field in entry) expect(entry[field]).not.toEqual('');
      }
      expect(entry.actor.user).not.toBe('');
      expect('onBehalfOf' in entry.actor).toBe(false);
    }
  });

  it.each(RECORDED_PROJECTS)(
    '%s: people are the actors of their actions, the engine of everything else',
    (project) => {
      const history = histories.get(project)!;
      trailOf(project).forEach((entry, i) => {
        const source = history[i]!;
        expect(entry.source).toEqual({ kind: 'temporal', runId: `run-${project}`, eventId: source.event });
        expect(entry.actor).toEqual(
          source.kind === 'action' ? { user: source.actor.user } : { user: '@system' },
        );
      });
    },
  );

  it('says who set which task from what to what (new-product-launch)', () => {
    const done = find('new-product-launch', (e) => e.action === 'task.update' && e.after?.status === 'done');
    expect(done).toMatchObject({
      at: '2026-12-06T08:48:00.792Z',
      actor: { user: 'sun.peng' },
      action: 'task.update',
      summary: "sun.peng set task t1 'Aurora-研发-sun.peng-2026-12-04' from blocked to done.",
      step: 'progress',
      task: 't1',
      before: { status: 'blocked' },
      after: { status: 'done' },
      source: { kind: 'temporal', runId: 'run-new-product-launch', eventId: 226 },
    });
    const last = find('new-product-launch', (e) => e.task === 't3' && e.action === 'task.update');
    expect(last.before).toEqual({ status: 'todo', steps: ['progress'] });
    expect(last.after).toEqual({ status: 'done', steps: ['retrospective'] });
  });

  it('names the task in the notification that assigns it', () => {
    const assigned = find('new-product-launch', (e) => e.task === 't2' && e.action === 'notification.sent');
    expect(assigned.summary).toBe(
      "The engine told gao.fei that task t2 'Aurora-推广-gao.fei-2026-12-11' of step 'progress' is assigned to them: “任务「Aurora-推广-gao.fei-2026-12-11」已分配给您”.",
    );
    expect(assigned.after).toEqual({
      notified: ['gao.fei'],
      message: '任务「Aurora-推广-gao.fei-2026-12-11」已分配给您',
    });
  });

  it('keeps the reason of a send-back and the steps it moved between (change-request-approval)', () => {
    const sentBack = find('change-request-approval', (e) => e.action === 'approval.sendBack');
    expect(sentBack).toMatchObject({
      actor: { user: 'zhao.lei' },
      summary: "zhao.lei sent step 'majorHeadApproval' back to step 'request' with comment “请补充回滚方案”.",
      step: 'majorHeadApproval',
      reason: '请补充回滚方案',
      before: { steps: ['majorHeadApproval'] },
      after: { steps: ['request'], data: { to: 'request' } },
    });
  });

  it('shows a countersign approval that does not move the project as changing nothing', () => {
    const first = find('change-request-approval', (e) => e.actor.user === 'yang.xue');
    expect(first.action).toBe('approval.approve');
    expect(first.step).toBe('affectedHeadsCountersign');
    expect(first.before).toBeUndefined();
    expect(first.after).toBeUndefined();
  });

  it('starts with the kickoff, bound to the project, and ends with the completion', () => {
    const trail = trailOf('change-request-approval');
    expect(trail[0]).toMatchObject({
      action: 'project.kickoff',
      summary:
        "Project project-change-request-approval started from SOP '变更申请审批流' (change-request-approval 2.0.0) with input requester=zhou.jie, department=rnd.",
      after: {
        project: 'project-change-request-approval',
        status: 'active',
        input: { requester: 'zhou.jie', department: 'rnd' },
      },
    });
    expect(trail[trail.length - 1]).toMatchObject({
      action: 'project.completed',
      step: 'approved',
      summary:
        "The project reached its final step 'approved' and ended with status completed (outcome: completed).",
      after: { status: 'completed', finalStep: 'approved', outcome: 'completed' },
    });
  });

  it('tells deadlines, missed deadlines and escalations apart (incident-response)', () => {
    const actions = trailOf('incident-response').map((e) => e.action);
    expect(actions.filter((a) => a === 'deadline.fired')).toHaveLength(8);
    expect(actions.filter((a) => a === 'deadline.missed')).toHaveLength(2);
    expect(actions.filter((a) => a === 'escalation')).toHaveLength(3);
    const second = find('incident-response', (e) => e.action === 'escalation' && e.after?.rung === 1);
    expect(second.summary).toBe(
      "The engine escalated step 'acknowledge' (level 2) to sun.peng and zhao.lei: “突发问题已超过 20 分钟未确认，请研发部负责人介入”.",
    );
  });

  it('follows parallel branches: each submission names its own branch step', () => {
    const submissions = trailOf('incident-response').filter((e) => e.action === 'form.submit');
    expect(submissions.map((e) => [e.actor.user, e.step])).toEqual([
      ['sun.peng', 'acknowledge'],
      ['yang.xue', 'informCustomers'],
      ['li.na', 'draftStatement'],
      ['sun.peng', 'fix'],
      ['sun.peng', 'recoveryCheck'],
      ['sun.peng', 'retrospective'],
    ]);
  });

  it('is deterministic: the same inputs give byte-identical output', async () => {
    const again = buildAuditTrail(
      'project-new-product-launch',
      await loadRecordedEntries('new-product-launch'),
    );
    expect(toJsonl(again)).toBe(toJsonl(trailOf('new-product-launch')));
  });
});

describe('buildAuditTrail without action results', () => {
  it.each(RECORDED_PROJECTS)(
    '%s: claims no steps it cannot know, and never a different step',
    async (project) => {
      const raw = buildAuditTrail(
        `project-${project}`,
        // An action whose result is unknown (e.g. still running when read) must claim no steps.
        (await loadRecordedEntries(project)).map((entry) =>
          entry.kind === 'action' ? { ...entry, result: undefined } : entry,
        ),
      );
      const full = trailOf(project);
      raw.forEach((entry, i) => {
        if (entry.source.kind === 'temporal' && histories.get(project)![i]!.kind === 'action') {
          expect(entry.before?.steps).toBeUndefined();
          expect(entry.after?.steps).toBeUndefined();
        }
        if (entry.step !== undefined) expect(entry.step).toBe(full[i]!.step);
        expect(entry.summary.length).toBeGreaterThan(10);
      });
      expect(verifyTrail(raw).ok).toBe(true);
    },
  );
});

describe('buildAuditTrail with access denials', () => {
  const projectId = 'project-change-request-approval';
  const denial = (at: string, user: string, extra: Partial<DenialRecord> = {}): DenialRecord => ({
    projectId,
    at,
    actor: { user },
    action: 'approve',
    reason: "only the assignee of step 'majorHeadApproval' may approve",
    code: 'NOT_ALLOWED',
    ...extra,
  });

  it('merges them in by time, after history entries of the same instant, and chains them', async () => {
    const history = await loadRecordedEntries('change-request-approval');
    const early = denial('2036-12-03T12:00:00.000Z', 'li.na', { step: 'majorHeadApproval' });
    // Exactly when zhou.jie's first submission was recorded: history comes first.
    const tie = denial('2036-12-03T11:48:01.387Z', 'he.yun', {
      action: 'project.cancel',
      code: 'ACCESS_DENIED',
      reason: "'he.yun' holds the auditor role, which reads everything and changes nothing",
      rule: 'auditor-read-only',
      method: 'POST',
      path: `/projects/${projectId}/cancel`,
    });
    const late = denial('2099-01-01T00:00:00.000Z', 'ma.jun');
    const trail = buildAuditTrail(projectId, history, [late, early, tie]);

    expect(trail).toHaveLength(history.length + 3);
    expect(verifyTrail(trail).ok).toBe(true);
    const denied = trail.filter((e) => e.action === 'access.denied');
    expect(denied.map((e) => e.actor.user)).toEqual(['he.yun', 'li.na', 'ma.jun']);
    expect(trail[trail.length - 1]!.actor.user).toBe('ma.jun');
    const tieIndex = trail.findIndex((e) => e.actor.user === 'he.yun');
    expect(trail[tieIndex - 2]!.action).toBe('form.submit');
    expect(trail[tieIndex - 1]!.at).toBe(tie.at);
    expect(trail[tieIndex + 1]!.at > tie.at).toBe(true);
    expect(denied[1]).toEqual({
      seq: denied[1]!.seq,
      at: '2036-12-03T12:00:00.000Z',
      actor: { user: 'li.na' },
      action: 'access.denied',
      summary:
        "li.na tried to 'approve' on step 'majorHeadApproval' and was refused [NOT_ALLOWED]: “only the assignee of step 'majorHeadApproval' may approve”.",
      step: 'majorHeadApproval',
      reason: "only the assignee of step 'majorHeadApproval' may approve",
      after: { attempted: 'approve', code: 'NOT_ALLOWED' },
      source: { kind: 'api' },
      prevHash: trail[denied[1]!.seq - 2]!.hash,
      hash: denied[1]!.hash,
    });
    expect(denied[0]!.after).toEqual({
      attempted: 'project.cancel',
      code: 'ACCESS_DENIED',
      rule: 'auditor-read-only',
      request: `POST /projects/${projectId}/cancel`,
    });
  });

  it('gives the same trail whatever order the denials come in', async () => {
    const history = await loadRecordedEntries('change-request-approval');
    const a = denial('2036-12-03T12:00:00.000Z', 'li.na');
    const b = denial('2036-12-03T12:00:00.000Z', 'ma.jun');
    expect(toJsonl(buildAuditTrail(projectId, history, [a, b]))).toBe(
      toJsonl(buildAuditTrail(projectId, history, [b, a])),
    );
  });

  it("refuses another project's denial and an incomplete one", () => {
    expect(() =>
      buildAuditTrail(projectId, [], [{ ...denial('2036-12-03T12:00:00Z', 'li.na'), projectId: 'other' }]),
    ).toThrow(
      "denial record of project 'other' passed to the trail of project 'project-change-request-approval'",
    );
    expect(() => buildAuditTrail(projectId, [], [denial('yesterday', 'li.na')])).toThrow(
      /invalid denial record for project 'project-change-request-approval': at must be an ISO 8601 date-time/,
    );
  });
});

describe('buildAuditTrail over what the recordings lack', () => {
  const at = (minute: number) => `2026-12-01T08:${String(minute).padStart(2, '0')}:00.000Z`;
  const kickoff: HistoryEntry = {
    kind: 'kickoff',
    at: at(0),
    event: 1,
    runId: 'run-1',
    sop: { id: 'expense-claim', version: '1.0.0', hash: 'abc', title: '费用报销' },
    input: { claimant: 'li.na' },
    participants: { claimant: ['li.na'] },
  };
  const assigned = (step: string, to: string, minute: number, event: number): HistoryEntry => ({
    kind: 'notification',
    at: at(minute),
    event,
    notification: `${step}:assigned:${event}`,
    reason: 'assigned',
    step,
    recipients: [to],
    message: `「${step}」已分配给您`,
    delivered: true,
  });

  it('follows the project into its next run after continue-as-new, and says how it ended', () => {
    const trail = buildAuditTrail('p-1', [
      kickoff,
      assigned('fill', 'li.na', 1, 5),
      { kind: 'continued-as-new', at: at(2), event: 9, nextRunId: 'run-2' },
      { kind: 'timer', at: at(3), event: 4, timer: '2' },
      { kind: 'ended', at: at(4), event: 7, how: 'terminated', reason: 'duplicate project' },
    ]);
    expect(trail.map((e) => [e.action, e.source])).toEqual([
      ['project.kickoff', { kind: 'temporal', runId: 'run-1', eventId: 1 }],
      ['notification.sent', { kind: 'temporal', runId: 'run-1', eventId: 5 }],
      ['project.continued', { kind: 'temporal', runId: 'run-1', eventId: 9 }],
      ['deadline.fired', { kind: 'temporal', runId: 'run-2', eventId: 4 }],
      ['project.terminated', { kind: 'temporal', runId: 'run-2', eventId: 7 }],
    ]);
    expect(trail[4]).toMatchObject({
      summary: 'The project was terminated by an operator before reaching a final step: “duplicate project”.',
      reason: 'duplicate project',
      before: { status: 'active' },
      after: { status: 'terminated' },
    });
  });

  it('records who acted on behalf of whom, a cancellation and an action it does not know yet', () => {
    const trail = buildAuditTrail('p-1', [
      kickoff,
      assigned('fill', 'li.na', 1, 5),
      {
        kind: 'action',
        at: at(2),
        event: 10,
        type: 'escalate',
        actor: { user: 'an.qi', onBehalfOf: 'li.na' },
        updateId: 'u1',
      },
      {
        kind: 'action',
        at: at(3),
        event: 14,
        type: 'cancel',
        actor: { user: 'zhao.lei' },
        reason: 'budget withdrawn',
        updateId: 'u2',
      },
      {
        kind: 'completed',
        at: at(3),
        event: 18,
        outcome: { status: 'cancelled', reason: 'budget withdrawn' },
      },
    ]);
    expect(trail[2]).toMatchObject({
      actor: { user: 'an.qi', onBehalfOf: 'li.na' },
      action: 'action.escalate',
      summary: "an.qi (on behalf of li.na) performed 'escalate' on step 'fill'.",
      step: 'fill',
    });
    expect(trail[3]).toMatchObject({
      actor: { user: 'zhao.lei' },
      action: 'project.cancel',
      summary: 'zhao.lei cancelled the project, giving the reason “budget withdrawn”.',
      reason: 'budget withdrawn',
    });
    expect(trail[3]!.step).toBeUndefined();
    expect(trail[4]).toMatchObject({
      actor: { user: '@system' },
      action: 'project.cancelled',
      summary: 'The project ended as cancelled: “budget withdrawn”.',
      after: { status: 'cancelled', reason: 'budget withdrawn' },
    });
  });

  it('names a task added by hand and records what the escalation ladder did', () => {
    const trail = buildAuditTrail('p-1', [
      kickoff,
      assigned('work', 'li.na', 1, 5),
      {
        kind: 'action',
        at: at(2),
        event: 10,
        type: 'task.add',
        actor: { user: 'li.na' },
        data: { name: 'Landing page', owner: 'sun.peng' },
        updateId: 'u1',
        result: { status: 'active', steps: ['work'] },
      },
      {
        kind: 'notification',
        at: at(2),
        event: 12,
        notification: 'work:task-assigned:2',
        reason: 'task-assigned',
        step: 'work',
        task: 't1',
        recipients: ['sun.peng'],
        message: '任务「Landing page」已分配给您',
        delivered: false,
      },
      {
        kind: 'record',
        at: at(9),
        event: 20,
        record: 'work:reassigned:3',
        what: 'reassigned',
        detail: 'task reassigned to gao.fei',
        step: 'work',
        task: 't1',
      },
      {
        kind: 'action',
        at: at(10),
        event: 24,
        type: 'task.update',
        actor: { user: 'gao.fei' },
        task: 't1',
        status: 'in_progress',
        updateId: 'u2',
        result: { status: 'active', steps: ['work'] },
      },
    ]);
    expect(trail[2]!.summary).toBe("li.na added a task 'Landing page' to step 'work'.");
    expect(trail[3]!.summary).toBe(
      "The engine told sun.peng that task t1 'Landing page' of step 'work' is assigned to them: “任务「Landing page」已分配给您”.",
    );
    expect(trail[4]).toMatchObject({
      action: 'escalation.reassign',
      summary:
        "The escalation ladder reassigned task t1 'Landing page' of step 'work': “task reassigned to gao.fei”.",
    });
    expect(trail[5]).toMatchObject({
      summary: "gao.fei set task t1 'Landing page' from todo to in_progress.",
      before: { status: 'todo' },
      after: { status: 'in_progress' },
    });
  });

  it('needs the project id', () => {
    expect(() => buildAuditTrail('', [kickoff])).toThrow('buildAuditTrail needs the project id');
  });
});
