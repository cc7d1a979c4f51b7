/**
 * `npm run example:change-request`: drives one change request (变更申请, SOP
 * change-request-approval v2) through the HTTP API only, the way a front end or another system
 * would, and says what happens at each step: the requester files the form, an out-of-turn approval
 * is refused, the department head sends the request back (退回), the requester edits and
 * resubmits, the department head approves, the affected department heads countersign together
 * (会签), and the CTO approves. Needs a running engine (`npm start`); `API_URL` points elsewhere
 * (default http://127.0.0.1:3000). Exits 0 when the request is approved; 1, with the reason, on
 * any answer the walkthrough did not expect.
 */
import { randomUUID } from 'node:crypto';
import {
  act,
  callAs,
  API_URL,
  call,
  detail,
  expectOk,
  printHistory,
  readProject as readView,
  runWalkthrough,
  say,
  text,
  UnexpectedAnswer,
} from './support/walkthrough';

const SOP = 'change-request-approval';

/** People of the org directory (sop-definitions/org.yaml) this walkthrough uses. */
const REQUESTER = 'zhou.jie'; // 周杰, R&D
const DEPT_HEAD = 'zhao.lei'; // 赵磊, head of R&D
const IT_HEAD = 'cao.yong'; // 曹勇, head of IT
const SERVICE_HEAD = 'yang.xue'; // 杨雪, head of customer service
const CTO = 'chen.hao'; // 陈浩

interface ProjectView {
  readonly sop: { readonly id: string; readonly version: string };
  readonly status: string;
  readonly activeSteps: readonly { id: string; title: string; assignees: readonly string[] }[];
  readonly approvals: Record<
    string,
    { outcome?: string; decision?: string; by?: string; approvers?: { user: string; decision?: string }[] }
  >;
  readonly outcome?: string;
}

const readProject = (id: string) => readView<ProjectView>(id);

function describeStep(view: ProjectView): string {
  if (view.activeSteps.length === 0) return `no open step (project ${view.status})`;
  return view.activeSteps
    .map((s) => `'${s.id}' (${s.title}) for ${s.assignees.join(', ') || 'nobody'}`)
    .join('; ');
}

/** Reads the project and insists it waits in `step` for exactly `assignees` (in any order). */
async function expectWaiting(id: string, step: string, assignees: readonly string[]): Promise<ProjectView> {
  const view = await readProject(id);
  const active = view.activeSteps.find((s) => s.id === step);
  const same =
    active !== undefined &&
    view.activeSteps.length === 1 &&
    [...active.assignees].sort().join(',') === [...assignees].sort().join(',');
  if (!same) {
    throw new UnexpectedAnswer(
      `expected the project to wait in '${step}' for ${assignees.join(', ')}, but it is in ${describeStep(view)}`,
    );
  }
  detail(`now waiting on ${describeStep(view)}`);
  return view;
}

/** The change request form (变更申请表): a costly, high-impact change affecting IT and customer service. */
function changeRequest(reason: string) {
  const desiredDate = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  return {
    title: '切换 CI 到新集群',
    reason,
    impact: 'high',
    cost: 50000,
    affectedDepartments: ['it', 'service'],
    affectedHeads: [IT_HEAD, SERVICE_HEAD],
    desiredDate,
  };
}

/** A history entry field as text (entries are plain JSON: strings, numbers, arrays). */
function describeAction(entry: Record<string, unknown>): string {
  const to = text((entry.data as { to?: unknown } | undefined)?.to);
  const comment = entry.comment ? ` "${text(entry.comment)}"` : '';
  const steps = (entry.result as { steps?: string[] } | undefined)?.steps;
  const then = steps ? ` → ${steps.join(', ') || 'ended'}` : '';
  return `${text(entry.type)}${to ? ` to ${to}` : ''}${comment}${then}`;
}

async function walkthrough(): Promise<void> {
  console.log(`Change request walkthrough against ${API_URL}`);
  const health = await call('GET', '/healthz');
  if (health.status !== 200) {
    throw new UnexpectedAnswer(
      `the engine is not healthy (${health.status}): ${JSON.stringify(health.body.checks)}`,
    );
  }

  const input = { requester: REQUESTER, department: 'rnd' };
  callAs(REQUESTER);
  say(`Kick off a '${SOP}' project: ${REQUESTER} (R&D) asks for a change.`);
  const created = await expectOk(
    'POST',
    '/projects',
    { sop: SOP, input },
    { 'Idempotency-Key': `example-change-request-${randomUUID()}` },
  );
  const id = String(created.id);
  console.log(`   Project id: ${id}`);
  const started = await expectWaiting(id, 'request', [REQUESTER]);
  if (!started.sop.version.startsWith('2.')) {
    throw new UnexpectedAnswer(
      `expected version 2 of '${SOP}' (approval flows), but the engine started ${started.sop.version}`,
    );
  }
  detail(`SOP ${started.sop.id} version ${started.sop.version}`);

  say(`${REQUESTER} files the change request: high impact, 50000 yuan, affecting IT and customer service.`);
  await act(id, { type: 'submit', actor: { user: REQUESTER }, data: changeRequest('现有集群容量不足') });
  detail('accepted: a high-impact change needs the department head, the affected heads, then the CTO');
  await expectWaiting(id, 'majorHeadApproval', [DEPT_HEAD]);

  say(`Try something out of turn: the CTO (${CTO}) approves before the department head.`);
  const refused = await call('POST', `/projects/${encodeURIComponent(id)}/actions`, {
    type: 'approve',
    actor: { user: CTO },
    comment: '同意',
  });
  // The API's policy answers before the project is asked: nothing awaits the CTO's approval yet.
  if (refused.status !== 403 || refused.body.code !== 'ACCESS_DENIED') {
    throw new UnexpectedAnswer(
      `the out-of-turn approval was answered ${refused.status} ${String(refused.body.code)}, not 403 ACCESS_DENIED`,
    );
  }
  detail(
    `refused as expected (${refused.status} ${String(refused.body.code)}): ${String(refused.body.detail)}`,
  );

  const comment = '请补充回滚方案';
  say(`The department head (${DEPT_HEAD}) sends it back (退回) to the form: "${comment}".`);
  await act(id, { type: 'sendBack', actor: { user: DEPT_HEAD }, data: { to: 'request' }, comment });
  await expectWaiting(id, 'request', [REQUESTER]);

  say(`${REQUESTER} edits the request (adds the rollback plan) and resubmits it.`);
  await act(id, {
    type: 'submit',
    actor: { user: REQUESTER },
    data: changeRequest('现有集群容量不足；回滚方案：保留旧集群两周，可一键切回'),
  });
  await expectWaiting(id, 'majorHeadApproval', [DEPT_HEAD]);

  say(`The department head (${DEPT_HEAD}) approves the edited request.`);
  await act(id, { type: 'approve', actor: { user: DEPT_HEAD }, comment: '同意' });
  await expectWaiting(id, 'affectedHeadsCountersign', [IT_HEAD, SERVICE_HEAD]);

  say(`The affected department heads countersign (会签): both must approve.`);
  await act(id, { type: 'approve', actor: { user: SERVICE_HEAD }, comment: '客服侧已安排' });
  detail(`${SERVICE_HEAD} (customer service) approved; the countersign waits for the other head`);
  await expectWaiting(id, 'affectedHeadsCountersign', [IT_HEAD]);
  await act(id, { type: 'approve', actor: { user: IT_HEAD }, comment: 'IT 配合切换' });
  detail(`${IT_HEAD} (IT) approved; the countersign is complete`);
  await expectWaiting(id, 'ctoApproval', [CTO]);

  say(`The CTO (${CTO}) approves: the final decision, copied to the ops admins.`);
  await act(id, { type: 'approve', actor: { user: CTO }, comment: '同意，注意变更窗口' });

  const final = await readProject(id);
  say(`Final state: ${final.status}${final.outcome ? ` (outcome ${final.outcome})` : ''}.`);
  if (final.status !== 'completed' || final.outcome !== 'completed') {
    throw new UnexpectedAnswer(
      `the change request should be approved (completed), but it is ${final.status}/${String(final.outcome)}: ${describeStep(final)}`,
    );
  }
  for (const [step, record] of Object.entries(final.approvals ?? {})) {
    const seats = (record.approvers ?? []).map((a) => `${a.user} ${a.decision ?? '-'}`).join(', ');
    detail(`${step}: ${record.outcome ?? record.decision ?? '?'}${seats ? ` (${seats})` : ''}`);
  }

  await printHistory(id, describeAction);
  console.log(`\nDone: change request ${id} was sent back once, resubmitted and approved.`);
}

runWalkthrough(walkthrough);
