/**
 * Approval flows (docs/approvals.md) through the real project workflow on a Temporal dev server:
 * every mode, every action, the resolution rules, refusals that never reach history, and two
 * approvers of an `any` step approving at the same moment. One dev server and one worker serve the
 * whole file; each test starts its own project, acts through `act` updates and reads the `state`
 * query. The same features on the pure driver: test/runtime/approval-*.test.ts.
 *
 * The SOP is approval-fixtures' `approvalSop`: ann (the requester) files `request`, then `review`
 * asks mia (head), rob (rndHead) and/or ceo (chief; also the approval admin).
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ApprovalStep, SopDocument } from '../../engine/model/sop';
import type { ApprovalSeat } from '../../engine/runtime/approval/approval-record';
import { temporalExecutable } from '../../server/temporal-binaries';
import { createActivities } from '../../workflows/activities/deliver-effect';
import { actUpdate, stateQuery, type ActionRequest } from '../../workflows/messages';
import { SOP_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import {
  acceptedUpdates,
  action,
  attempt,
  eventually,
  refusalOf,
  send,
  startInline,
} from '../support/approval-harness';
import { approvalSop } from '../support/approval-fixtures';
import { findFreePort } from '../support/free-port';
import { RecordingSink } from '../support/project-harness';
import { quietTemporalRuntime, sharedWorkflowBundle } from '../support/workflow-bundle';

const TWO = ['head', 'rndHead']; // mia, rob
const THREE = ['head', 'rndHead', 'chief']; // mia, rob, ceo

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const sink = new RecordingSink();
const taskQueue = `approvals-${randomUUID()}`;
const handles: WorkflowHandle[] = [];

beforeAll(async () => {
  quietTemporalRuntime();
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: temporalExecutable(),
      ip: '127.0.0.1',
      port: await findFreePort(),
      searchAttributes: [...SOP_SEARCH_ATTRIBUTES],
      log: { format: 'pretty', level: 'error' },
    },
  });
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: sharedWorkflowBundle(),
    activities: createActivities(sink),
  });
  running = worker.run();
});

afterEach(async () => {
  // Projects a test left open (on purpose or by failing) are ended, so the worker can stop.
  for (const handle of handles.splice(0)) {
    await handle.terminate('test done').catch(() => undefined);
  }
});

afterAll(async () => {
  if (worker) {
    worker.shutdown();
    await running;
  }
  await env?.teardown();
});

async function start(doc: SopDocument, input: Record<string, unknown> = {}): Promise<WorkflowHandle> {
  const handle = await startInline(env.client.workflow, doc, { pm: 'ann', ...input }, taskQueue);
  handles.push(handle);
  return handle;
}

/** Starts the approval SOP written with `fields` and files ann's request, so `review` is open. */
async function openReview(
  fields: Partial<ApprovalStep>,
  input: Record<string, unknown> = {},
  form: Record<string, unknown> = { what: 'a new laptop' },
): Promise<WorkflowHandle> {
  const handle = await start(approvalSop(fields), input);
  await send(handle, action('ann', 'submit', { data: form }));
  return handle;
}

/** The same SOP with `review` as its first step, so the approvers resolve at kickoff. */
function reviewAtKickoff(fields: Partial<ApprovalStep>): SopDocument {
  const doc = approvalSop(fields);
  const { request: _request, review, ...rest } = doc.steps;
  return {
    ...doc,
    initial: 'review',
    steps: { review: { ...(review as ApprovalStep), subject: undefined }, ...rest },
  };
}

const state = (handle: WorkflowHandle) => handle.query(stateQuery);

/** Where the project is and who may act on `review` now. */
async function where(handle: WorkflowHandle) {
  const view = await state(handle);
  const review = view.activeSteps.find((s) => s.id === 'review');
  return { steps: view.activeSteps.map((s) => s.id), pending: review?.assignees ?? [], status: view.status };
}

const decisions = (seats: readonly ApprovalSeat[] | undefined) =>
  (seats ?? []).map((s) => [s.user, s.decision]);

describe('modes', () => {
  it('sequential: mia, then rob, then ceo; the last approval approves the step', async () => {
    const handle = await openReview({ approvers: THREE, mode: 'sequential' });
    expect(await where(handle)).toEqual({ steps: ['review'], pending: ['mia'], status: 'active' });
    expect(await send(handle, action('mia', 'approve'))).toEqual({
      accepted: true,
      status: 'active',
      steps: ['review'],
    });
    expect((await where(handle)).pending).toEqual(['rob']);
    await send(handle, action('rob', 'approve'));
    expect((await where(handle)).pending).toEqual(['ceo']);
    await send(handle, action('ceo', 'approve', { comment: 'fine' }));
    expect(await handle.result()).toEqual({
      status: 'completed',
      finalStep: 'approved',
      outcome: 'completed',
    });
    const view = await state(handle);
    expect(view.approvals.review).toMatchObject({
      mode: 'sequential',
      outcome: 'approved',
      decision: 'approved',
      by: 'ceo',
      comment: 'fine',
    });
    expect(decisions(view.approvals.review?.approvers)).toEqual([
      ['mia', 'approved'],
      ['rob', 'approved'],
      ['ceo', 'approved'],
    ]);
  });

  it('all (会签): everyone at once; the one rejection rejects', async () => {
    const handle = await openReview({ approvers: THREE, mode: 'all' });
    expect((await where(handle)).pending).toEqual(['mia', 'rob', 'ceo']);
    await send(handle, action('rob', 'approve'));
    await send(handle, action('mia', 'approve'));
    expect(await where(handle)).toEqual({ steps: ['review'], pending: ['ceo'], status: 'active' });
    await send(handle, action('ceo', 'reject', { comment: 'too early' }));
    expect(await handle.result()).toEqual({ status: 'rejected', finalStep: 'rejected', outcome: 'rejected' });
    expect((await state(handle)).approvals.review).toMatchObject({
      outcome: 'rejected',
      decision: 'rejected',
      by: 'ceo',
      comment: 'too early',
    });
  });

  it('all (会签): approved once every approver approved', async () => {
    const handle = await openReview({ approvers: TWO, mode: 'all' });
    await send(handle, action('rob', 'approve'));
    expect((await where(handle)).pending).toEqual(['mia']);
    await send(handle, action('mia', 'approve'));
    expect(await handle.result()).toMatchObject({ finalStep: 'approved' });
  });

  it('any (或签): the first decision decides', async () => {
    const handle = await openReview({ approvers: THREE, mode: 'any' });
    expect((await where(handle)).pending).toEqual(['mia', 'rob', 'ceo']);
    await send(handle, action('rob', 'approve'));
    expect(await handle.result()).toMatchObject({ finalStep: 'approved' });
    expect((await state(handle)).approvals.review).toMatchObject({ decision: 'approved', by: 'rob' });
  });

  it('quorum 2 of 3: one rejection does not decide, two approvals approve', async () => {
    const handle = await openReview({ approvers: THREE, mode: { quorum: 2 } });
    await send(handle, action('mia', 'reject', { comment: 'meh' }));
    expect(await where(handle)).toEqual({ steps: ['review'], pending: ['rob', 'ceo'], status: 'active' });
    await send(handle, action('rob', 'approve'));
    expect((await where(handle)).steps).toEqual(['review']);
    await send(handle, action('ceo', 'approve'));
    expect(await handle.result()).toMatchObject({ finalStep: 'approved' });
  });

  it('percent 60 of 3 (= 2 people): rejected once two approvals can no longer be reached', async () => {
    const handle = await openReview({ approvers: THREE, mode: { percent: 60 } });
    await send(handle, action('mia', 'approve'));
    await send(handle, action('rob', 'reject', { comment: 'no' }));
    expect((await where(handle)).steps).toEqual(['review']);
    await send(handle, action('ceo', 'reject', { comment: 'no' }));
    expect(await handle.result()).toMatchObject({ finalStep: 'rejected', outcome: 'rejected' });
  });
});

describe('actions', () => {
  it('reject needs a comment: refused without one, rejects with one', async () => {
    const handle = await openReview({ approvers: TWO });
    expect(await attempt(handle, action('mia', 'reject'))).toEqual({
      refused: { code: 'INVALID_DATA', message: "a rejection in step 'review' needs a comment saying why" },
    });
    await send(handle, action('mia', 'reject', { comment: 'no budget' }));
    expect(await handle.result()).toMatchObject({ finalStep: 'rejected' });
    expect(await acceptedUpdates(handle)).toEqual(['ann:submit', 'mia:reject']);
  });

  it('sendBack (退回) returns to the request; filing it again opens a fresh approval', async () => {
    const handle = await openReview({ approvers: TWO, sendBackTo: ['request'] });
    await send(handle, action('mia', 'approve'));
    expect(await attempt(handle, action('rob', 'sendBack', { data: { to: 'request' } }))).toEqual({
      refused: { code: 'INVALID_DATA', message: "a send back in step 'review' needs a comment saying why" },
    });
    expect(
      await send(handle, action('rob', 'sendBack', { data: { to: 'request' }, comment: 'add the cost' })),
    ).toMatchObject({ steps: ['request'] });
    const back = await state(handle);
    expect(back.activeSteps.map((s) => [s.id, s.assignees])).toEqual([['request', ['ann']]]);
    expect(back.approvals.review).toMatchObject({ outcome: 'sentBack', sentBackTo: 'request' });

    await send(handle, action('ann', 'submit', { data: { what: 'a new laptop, 900 EUR' } }));
    const again = await state(handle);
    expect(again.activeSteps.map((s) => [s.id, s.assignees])).toEqual([['review', ['mia']]]);
    expect(again.approvals.review).toMatchObject({ outcome: 'open', actions: [] });
    expect(decisions(again.approvals.review?.approvers)).toEqual([
      ['mia', undefined],
      ['rob', undefined],
    ]);
    await send(handle, action('mia', 'approve'));
    await send(handle, action('rob', 'approve'));
    expect(await handle.result()).toMatchObject({ finalStep: 'approved' });
  });

  it('withdraw (撤回): only the requester, and the project goes to onWithdraw', async () => {
    const handle = await openReview({ approvers: TWO });
    expect(await attempt(handle, action('mia', 'withdraw'))).toEqual({
      refused: {
        code: 'NOT_ALLOWED',
        message: "only the requester (ann) may withdraw in step 'review', not 'mia'",
      },
    });
    await send(handle, action('ann', 'withdraw', { comment: 'not needed any more' }));
    expect(await handle.result()).toEqual({
      status: 'cancelled',
      finalStep: 'withdrawn',
      outcome: 'cancelled',
    });
    const record = (await state(handle)).approvals.review;
    expect(record).toMatchObject({ outcome: 'withdrawn' });
    expect(record?.decision).toBeUndefined();
  });

  it('transfer (转交): ben takes mia’s seat and decides; mia no longer may', async () => {
    const handle = await openReview({ approvers: TWO });
    await send(handle, action('mia', 'transfer', { data: { to: 'ben' }, comment: 'ben knows this' }));
    expect((await where(handle)).pending).toEqual(['ben']);
    expect((await attempt(handle, action('mia', 'approve'))) as unknown).toMatchObject({
      refused: { code: 'NOT_ALLOWED' },
    });
    await send(handle, action('ben', 'approve'));
    expect((await where(handle)).pending).toEqual(['rob']);
    expect((await state(handle)).approvals.review?.approvers?.[0]).toMatchObject({
      user: 'ben',
      transferredFrom: 'mia',
      decision: 'approved',
    });
    await eventually(() =>
      sink
        .forProject(handle.workflowId)
        .some((e) => e.kind === 'notify' && e.reason === 'assigned' && e.to.join() === 'ben'),
    );
  });

  it('addApprover before (前加签): cat decides first, then mia’s turn comes back', async () => {
    const handle = await openReview({ approvers: TWO });
    await send(handle, action('mia', 'addApprover', { data: { user: 'cat', position: 'before' } }));
    expect((await where(handle)).pending).toEqual(['cat']);
    expect((await attempt(handle, action('mia', 'approve'))) as unknown).toMatchObject({
      refused: { code: 'NOT_ALLOWED' },
    });
    await send(handle, action('cat', 'approve'));
    expect((await where(handle)).pending).toEqual(['mia']);
    await send(handle, action('mia', 'approve'));
    expect((await where(handle)).pending).toEqual(['rob']);
    const seats = (await state(handle)).approvals.review?.approvers ?? [];
    expect(seats.find((s) => s.user === 'cat')).toMatchObject({ addedBy: 'mia', decision: 'approved' });
  });

  it('addApprover after (后加签): cat decides right after mia approves, before rob', async () => {
    const handle = await openReview({ approvers: TWO });
    await send(handle, action('mia', 'addApprover', { data: { user: 'cat', position: 'after' } }));
    expect((await where(handle)).pending).toEqual(['mia']);
    await send(handle, action('mia', 'approve'));
    expect((await where(handle)).pending).toEqual(['cat']);
    await send(handle, action('cat', 'approve'));
    expect((await where(handle)).pending).toEqual(['rob']);
    await send(handle, action('rob', 'approve'));
    expect(await handle.result()).toMatchObject({ finalStep: 'approved' });
  });

  it("addApprover parallel: cat joins rob's turn and is counted under mode all", async () => {
    const handle = await openReview({ approvers: TWO, mode: 'all' });
    await send(handle, action('rob', 'addApprover', { data: { user: 'cat', position: 'parallel' } }));
    expect((await where(handle)).pending).toEqual(['mia', 'rob', 'cat']);
    await send(handle, action('mia', 'approve'));
    await send(handle, action('rob', 'approve'));
    expect(await where(handle)).toEqual({ steps: ['review'], pending: ['cat'], status: 'active' });
    await send(handle, action('cat', 'approve'));
    expect(await handle.result()).toMatchObject({ finalStep: 'approved' });
  });

  it('cc (抄送): readers are told at once and of the outcome, and may not act', async () => {
    const handle = await openReview({ approvers: ['head'], cc: ['chief'] });
    await send(handle, action('mia', 'cc', { data: { users: ['cat'] }, comment: 'FYI' }));
    const copies = () =>
      sink
        .forProject(handle.workflowId)
        .flatMap((e) => (e.kind === 'notify' && e.reason === 'cc' ? [e] : []));
    await eventually(() => copies().length === 1);
    expect(copies()[0]).toMatchObject({ to: ['cat'] });
    expect((await attempt(handle, action('cat', 'approve'))) as unknown).toMatchObject({
      refused: { code: 'NOT_ALLOWED' },
    });
    await send(handle, action('mia', 'approve'));
    await handle.result(); // the workflow waits for its deliveries before it completes
    expect(copies().map((e) => [e.to, e.message])).toEqual([
      [['cat'], expect.any(String)],
      [['ceo', 'cat'], '"Review" was approved'],
    ]);
    // `approvals.review.cc` keeps the readers copied in by an action; the declared `cc` is the SOP's.
    expect((await state(handle)).approvals.review?.cc).toEqual(['cat']);
  });

  it('urge (催办): the requester reminds who is pending, at most once per urgeInterval', async () => {
    const handle = await openReview({ approvers: TWO, mode: 'all' }); // urgeInterval: 1h (default)
    await send(handle, action('ann', 'urge', { comment: 'needed by Friday' }));
    const urges = () =>
      sink
        .forProject(handle.workflowId)
        .flatMap((e) => (e.kind === 'notify' && e.reason === 'urge' ? [e] : []));
    await eventually(() => urges().length === 1);
    expect(urges()[0]).toMatchObject({ to: ['mia', 'rob'] });
    const again = await attempt(handle, action('ann', 'urge'));
    expect(again).toMatchObject({ refused: { code: 'WRONG_STATE' } });
    expect('refused' in again && again.refused.message).toMatch(
      /^step 'review' was urged at .+; urge again from .+ \(once every 1h\)$/,
    );
    expect((await attempt(handle, action('mia', 'urge'))) as unknown).toMatchObject({
      refused: { code: 'NOT_ALLOWED' },
    });
    expect(await acceptedUpdates(handle)).toEqual(['ann:submit', 'ann:urge']);
    expect(urges()).toHaveLength(1);
  });
});

describe('resolution rules', () => {
  it('ifNobody: skip approves at kickoff (by @system)', async () => {
    const handle = await start(reviewAtKickoff({ approversFromInput: 'nobodyHere', ifNobody: 'skip' }));
    expect(await handle.result()).toMatchObject({ finalStep: 'approved' });
    expect((await state(handle)).approvals.review).toMatchObject({
      decision: 'approved',
      by: '@system',
      comment: 'nobody to approve: skipped',
    });
  });

  it('ifNobody: refuse rejects at kickoff', async () => {
    const handle = await start(reviewAtKickoff({ approversFromInput: 'nobodyHere', ifNobody: 'refuse' }));
    expect(await handle.result()).toMatchObject({ finalStep: 'rejected', outcome: 'rejected' });
    expect((await state(handle)).approvals.review).toMatchObject({ decision: 'rejected', by: '@system' });
  });

  it('ifNobody: admin (the default) hands the step to the approval admin, who decides', async () => {
    const handle = await start(reviewAtKickoff({ approversFromInput: 'nobodyHere' }));
    expect(await where(handle)).toEqual({ steps: ['review'], pending: ['ceo'], status: 'active' });
    await send(handle, action('ceo', 'approve'));
    expect(await handle.result()).toMatchObject({ finalStep: 'approved' });
  });

  it.each([
    ['keep', ['mia', 'ann']],
    ['skip', ['mia']],
    ['approve', ['mia']],
  ] as const)('ifRequesterIsApprover: %s', async (rule, pending) => {
    const handle = await openReview({
      approversFromInput: 'pm',
      approvers: ['head'],
      mode: 'all',
      ifRequesterIsApprover: rule,
    });
    expect(await where(handle)).toEqual({ steps: ['review'], pending, status: 'active' });
    const seats = (await state(handle)).approvals.review?.approvers ?? [];
    if (rule === 'approve') {
      expect(seats[1]).toMatchObject({ user: 'ann', decision: 'approved', auto: true });
    }
    if (rule === 'skip') expect(seats.map((s) => s.user)).toEqual(['mia']);
    if (rule === 'keep') await send(handle, action('ann', 'approve'));
    await send(handle, action('mia', 'approve'));
    expect(await handle.result()).toMatchObject({ finalStep: 'approved' });
  });

  it('asks a person listed twice once, and leaves out people not in the org', async () => {
    const handle = await openReview(
      { approvers: ['head', 'rndHead', 'head'], approversFromInput: 'extra', mode: 'all' },
      { extra: ['rob', 'ghost'] },
    );
    expect((await where(handle)).pending).toEqual(['mia', 'rob']);
    expect((await state(handle)).approvals.review?.approvers?.map((s) => s.user)).toEqual(['mia', 'rob']);
    await send(handle, action('mia', 'approve'));
    expect((await attempt(handle, action('mia', 'approve'))) as unknown).toEqual({
      refused: { code: 'WRONG_STATE', message: "'mia' has already approved in step 'review'" },
    });
    await send(handle, action('rob', 'approve'));
    expect(await handle.result()).toMatchObject({ finalStep: 'approved' });
  });
});

describe('illegal actions', () => {
  it('are refused with their code and reason and never reach the history', async () => {
    const handle = await openReview({ approvers: TWO, sendBackTo: ['request'] });
    const refusals: [ActionRequest, { code: string; message: string }][] = [
      [
        action('ben', 'approve'),
        {
          code: 'NOT_ALLOWED',
          message: "'ben' may not approve in step 'review': the current approvers are mia",
        },
      ],
      [
        action('rob', 'approve'),
        { code: 'NOT_ALLOWED', message: "it is not yet 'rob''s turn in step 'review': waiting for mia" },
      ],
      [
        action('mia', 'reject'),
        { code: 'INVALID_DATA', message: "a rejection in step 'review' needs a comment saying why" },
      ],
      [
        action('mia', 'sendBack', { data: { to: 'approved' }, comment: 'x' }),
        {
          code: 'INVALID_DATA',
          message: "data.to must name a step that step 'review' may send back to: request",
        },
      ],
      [
        action('mia', 'transfer', { data: { to: 'ghost' } }),
        { code: 'INVALID_DATA', message: "data.to 'ghost' is not in the org directory" },
      ],
      [
        action('mia', 'transfer', { data: { to: 'rob' } }),
        { code: 'INVALID_DATA', message: "data.to 'rob' is already an approver of step 'review'" },
      ],
      [
        action('mia', 'addApprover', { data: { user: 'ben', position: 'beside' } }),
        {
          code: 'INVALID_DATA',
          message: "data.position must be one of before, after, parallel, not 'beside'",
        },
      ],
      [
        action('mia', 'withdraw'),
        { code: 'NOT_ALLOWED', message: "only the requester (ann) may withdraw in step 'review', not 'mia'" },
      ],
      [
        action('@system', 'approve'),
        { code: 'INVALID_DATA', message: "'actor.user' may not start with '@' (reserved for the engine)" },
      ],
    ];
    for (const [request, refusal] of refusals) {
      expect([request.actor.user, request.type, await attempt(handle, request)]).toEqual([
        request.actor.user,
        request.type,
        { refused: refusal },
      ]);
    }
    expect(
      (await attempt(handle, action('ben', 'cc', { data: { users: ['cat'] } }))) as unknown,
    ).toMatchObject({
      refused: { code: 'NOT_ALLOWED' },
    });
    expect((await attempt(handle, action('mia', 'cc', { data: { users: [] } }))) as unknown).toMatchObject({
      refused: { code: 'INVALID_DATA' },
    });
    // Nothing changed: mia's turn, no action recorded; the only accepted update is the request.
    expect((await where(handle)).pending).toEqual(['mia']);
    expect((await state(handle)).approvals.review?.actions).toEqual([]);
    expect(await acceptedUpdates(handle)).toEqual(['ann:submit']);
  });
});

describe('two approvers of an any step approving at the same moment', () => {
  /** `any` between mia, rob and ceo; approval leads to `handover`, a form, so the project stays open. */
  function anyThenHandover(): SopDocument {
    const doc = approvalSop({ approvers: THREE, mode: 'any', onApprove: 'handover' });
    return {
      ...doc,
      steps: {
        ...doc.steps,
        handover: { kind: 'form', assignee: 'requester', form: 'ask', next: 'approved' },
      },
    };
  }

  it.each([1, 2, 3])('yield exactly one decision, and the step is left once (round %i)', async () => {
    const handle = await start(anyThenHandover());
    await send(handle, action('ann', 'submit', { data: { what: 'a new laptop' } }));
    const outcomes = await Promise.allSettled(
      ['mia', 'rob'].map((user) => handle.executeUpdate(actUpdate, { args: [action(user, 'approve')] })),
    );
    const accepted = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [refusalOf(o.reason)] : []));
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.value).toEqual({ accepted: true, status: 'active', steps: ['handover'] });
    expect(refused).toHaveLength(1);
    expect(refused[0]!.code).toBe('WRONG_STATE');
    const winner = outcomes[0]!.status === 'fulfilled' ? 'mia' : 'rob';

    const view = await state(handle);
    const record = view.approvals.review;
    expect(record?.actions).toEqual([{ action: 'approve', by: winner, at: expect.any(Number) }]);
    expect(record).toMatchObject({ outcome: 'approved', decision: 'approved', by: winner });
    expect(record?.approvers?.filter((s) => s.decision !== undefined).map((s) => s.user)).toEqual([winner]);
    expect(view.completedSteps.filter((s) => s.id === 'review')).toHaveLength(1);
    expect(view.activeSteps.map((s) => s.id)).toEqual(['handover']);
    expect(await acceptedUpdates(handle)).toEqual(['ann:submit', `${winner}:approve`]);
  });
});
