/**
 * Approval flow timeouts (docs/approvals.md#timeouts) through the real project workflow on
 * Temporal's time-skipping test server, with real business-day durations on TEST_CALENDAR
 * (UTC, Monday to Friday 09:00–17:00) proved with `env.sleep`: a reminder then auto-approve,
 * auto-reject, escalation to the next manager who then acts, and the approval admin told.
 *
 * Each project starts at `review` (the approvers resolve at kickoff), so few updates are needed.
 * Expected instants come from the small calendar model below, not from the engine's arithmetic.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ApprovalStep, SopDocument } from '../../engine/model/sop';
import type { Effect, NotifyEffect } from '../../engine/runtime/effects';
import { registerSearchAttributes } from '../../server/register-search-attributes';
import { testServerExecutable } from '../../server/temporal-binaries';
import { createActivities } from '../../workflows/activities/deliver-effect';
import { stateQuery } from '../../workflows/messages';
import { action, attempt, eventually, send, startInline } from '../support/approval-harness';
import { approvalSop } from '../support/approval-fixtures';
import { RecordingSink } from '../support/project-harness';
import { TEST_CALENDAR } from '../support/sop-fixtures';
import { quietTemporalRuntime, sharedWorkflowBundle } from '../support/workflow-bundle';

// Why a retry: the time-skipping test server is occasionally flaky when updates and `env.sleep`
// interleave (see time-and-escalation.time-skipping.test.ts). One retry, on a fresh server
// (beforeEach), absorbs such a hiccup without hiding a real failure, which fails both attempts;
// the first attempt's error is printed all the same.
jest.retryTimes(1, { logErrorsBeforeRetry: true });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let env: TestWorkflowEnvironment;
const sink = new RecordingSink();

beforeEach(async () => {
  quietTemporalRuntime();
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServerExecutable() } });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
});

afterEach(async () => {
  await env?.teardown();
});

// ---------------------------------------------------------------------------------------------
// An independent model of TEST_CALENDAR: UTC, 09:00–17:00 on working dates.

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function isWorkingDate(dayMs: number): boolean {
  const date = isoDate(dayMs);
  if (TEST_CALENDAR.holidays?.some((h) => h.date === date)) return false;
  if (TEST_CALENDAR.workdays?.some((w) => w.date === date)) return true;
  const weekday = new Date(dayMs).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** The first working instant at or after `ms`. */
function nextWorkingInstant(ms: number): number {
  for (let day = ms - (ms % DAY); ; day += DAY) {
    if (!isWorkingDate(day)) continue;
    const [open, close] = [day + 9 * HOUR, day + 17 * HOUR];
    if (ms < open) return open;
    if (ms < close) return ms;
  }
}

/** `n` working days after `ms`, at the same time of day (after moving into working time). */
function workingDaysAfter(ms: number, n: number): number {
  const start = nextWorkingInstant(ms);
  let day = start - (start % DAY);
  for (let left = n; left > 0;) {
    day += DAY;
    if (isWorkingDate(day)) left--;
  }
  return day + (start % DAY);
}

// ---------------------------------------------------------------------------------------------

/** The approval SOP with `review` first: ann asks, the approvers resolve at kickoff. */
function reviewAtKickoff(fields: Partial<ApprovalStep>): SopDocument {
  const doc = approvalSop(fields);
  const { request: _request, review, ...rest } = doc.steps;
  return {
    ...doc,
    initial: 'review',
    steps: { review: { ...(review as ApprovalStep), subject: undefined }, ...rest },
  };
}

/** Runs `body` on a fresh worker with a project of `doc`, terminating the project in any case. */
async function withProject(
  doc: SopDocument,
  input: Record<string, unknown>,
  body: (handle: WorkflowHandle) => Promise<void>,
): Promise<void> {
  const taskQueue = `approval-timeouts-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: sharedWorkflowBundle(),
    activities: createActivities(sink),
  });
  await worker.runUntil(async () => {
    const handle = await startInline(env.client.workflow, doc, { pm: 'ann', ...input }, taskQueue);
    try {
      await body(handle);
    } finally {
      await handle.terminate('test done').catch(() => undefined);
    }
  });
}

/** Sleeps (skipping time) until the server clock reads `at`. */
async function sleepUntil(at: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (at > now) await env.sleep(at - now);
}

const notices = (handle: WorkflowHandle, reason: string): NotifyEffect[] =>
  sink
    .forProject(handle.workflowId)
    .filter((e: Effect): e is NotifyEffect => e.kind === 'notify' && e.reason === reason);

/** When `review` was entered and when it is due, as the `state` query says. */
async function reviewClock(handle: WorkflowHandle): Promise<{ enteredAt: number; dueAt: number }> {
  const review = (await handle.query(stateQuery)).activeSteps.find((s) => s.id === 'review');
  if (!review?.dueAt) throw new Error('[NO_DEADLINE] review is not open or has no deadline');
  return { enteredAt: Date.parse(review.enteredAt), dueAt: Date.parse(review.dueAt) };
}

describe('approval timeouts on the time-skipping server', () => {
  it('reminds whoever is pending before a 2-business-day deadline, then auto-approves (超时自动通过)', async () => {
    const doc = reviewAtKickoff({
      approvers: ['head', 'rndHead'],
      mode: 'all',
      deadline: '2 business days',
      reminders: [{ before: '4 working hours', notify: ['assignee'] }],
      escalation: [{ after: '0h', action: 'approve' }],
    });
    await withProject(doc, {}, async (handle) => {
      const { enteredAt, dueAt } = await reviewClock(handle);
      expect(dueAt).toBe(workingDaysAfter(enteredAt, 2));
      await send(handle, action('mia', 'approve'));

      // The reminder (4 working hours before the deadline) has gone to rob only: mia decided.
      await sleepUntil(dueAt - MINUTE);
      await eventually(() => notices(handle, 'reminder').length > 0); // delivered by an activity
      expect(notices(handle, 'reminder').map((e) => e.to)).toEqual([['rob']]);
      const open = await handle.query(stateQuery);
      expect(open.activeSteps.map((s) => [s.id, s.assignees])).toEqual([['review', ['rob']]]);
      expect(open.approvals.review?.outcome).toBe('open');

      await sleepUntil(dueAt + MINUTE);
      expect(await handle.result()).toEqual({
        status: 'completed',
        finalStep: 'approved',
        outcome: 'completed',
      });
      const done = await handle.query(stateQuery);
      expect(done.approvals.review).toMatchObject({
        outcome: 'approved',
        decision: 'approved',
        by: '@system',
      });
      expect(done.approvals.review?.approvers?.map((s) => [s.user, s.decision])).toEqual([
        ['mia', 'approved'],
        ['rob', undefined],
      ]);
      expect(notices(handle, 'reminder')).toHaveLength(1);
    });
  });

  it('auto-rejects once the 2-business-day deadline passes (超时自动拒绝)', async () => {
    const doc = reviewAtKickoff({
      approvers: ['head'],
      deadline: '2 business days',
      escalation: [{ after: '0h', action: 'reject' }],
    });
    await withProject(doc, {}, async (handle) => {
      const { enteredAt, dueAt } = await reviewClock(handle);
      expect(dueAt).toBe(workingDaysAfter(enteredAt, 2));
      expect(dueAt - enteredAt).toBeGreaterThanOrEqual(DAY); // business days, not minutes

      await sleepUntil(dueAt - MINUTE);
      expect((await handle.query(stateQuery)).status).toBe('active');

      await sleepUntil(dueAt + MINUTE);
      expect(await handle.result()).toEqual({
        status: 'rejected',
        finalStep: 'rejected',
        outcome: 'rejected',
      });
      expect((await handle.query(stateQuery)).approvals.review).toMatchObject({
        outcome: 'rejected',
        decision: 'rejected',
        by: '@system',
        comment: 'automatic reject after escalation',
      });
    });
  });

  it("tells the approval admin at the deadline, then moves the late seat to the approver's manager, who acts", async () => {
    // ben (manager: rob) approves first, then mia. The approval admin is ceo.
    const doc = reviewAtKickoff({
      approversFromInput: 'reviewers',
      deadline: '2 business days',
      escalation: [
        { after: '0h', notify: ['approvalAdmin'] },
        { after: '1 business day', reassign: 'assignee.manager' },
      ],
    });
    await withProject(doc, { reviewers: ['ben', 'mia'] }, async (handle) => {
      const { enteredAt, dueAt } = await reviewClock(handle);
      expect(dueAt).toBe(workingDaysAfter(enteredAt, 2));
      expect((await handle.query(stateQuery)).activeSteps[0]?.assignees).toEqual(['ben']);

      await sleepUntil(dueAt - MINUTE);
      expect(notices(handle, 'escalation')).toEqual([]);

      await sleepUntil(dueAt + MINUTE);
      await eventually(() => notices(handle, 'escalation').length > 0);
      expect(notices(handle, 'escalation').map((e) => [e.rung, e.to])).toEqual([[0, ['ceo']]]);
      const late = await handle.query(stateQuery);
      expect(late.overdue).toBe(true);
      expect(late.activeSteps[0]?.assignees).toEqual(['ben']); // rung 0 only tells

      const reassignAt = workingDaysAfter(dueAt, 1);
      await sleepUntil(reassignAt - MINUTE);
      expect((await handle.query(stateQuery)).activeSteps[0]?.assignees).toEqual(['ben']);
      await sleepUntil(reassignAt + MINUTE);
      const moved = await handle.query(stateQuery);
      expect(moved.activeSteps.map((s) => [s.id, s.assignees])).toEqual([['review', ['rob']]]);
      expect(moved.approvals.review?.approvers?.[0]).toMatchObject({ user: 'rob', transferredFrom: 'ben' });

      expect(await attempt(handle, action('ben', 'approve'))).toMatchObject({
        refused: { code: 'NOT_ALLOWED' },
      });
      await send(handle, action('rob', 'approve', { comment: 'approved for ben' }));
      const after = await handle.query(stateQuery);
      expect(after.activeSteps.map((s) => [s.id, s.assignees])).toEqual([['review', ['mia']]]);
      expect(after.approvals.review?.approvers?.[0]).toMatchObject({
        user: 'rob',
        transferredFrom: 'ben',
        decision: 'approved',
      });
    });
  });
});
