/**
 * The change-request-approval SOP written by hand as a Temporal workflow, the way a competent
 * Temporal developer would without our engine: plain sequential code per step, an `act` update
 * with a validator, one activity call per notification, durable timers for reminders and
 * escalations, a `state` query and search-attribute upserts at every step change. It is the
 * baseline of `npm run bench:workflow`; it takes no shortcut our workflow does not take either
 * (same activity and retry policy, same update round trip, same timers on the benchmark's path).
 *
 * Sandbox code: no Node APIs, no I/O. Time is workflow time.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { NotifyEffect } from '../../engine/runtime/effects';
import type { ProjectActivities } from '../../workflows/activities/deliver-effect';
import { ACTION_REJECTED, actUpdate, type ActionRequest, type ActionResult } from '../../workflows/messages';
import { SOP_CURRENT_STEP, SOP_STATUS } from '../../workflows/search-attributes';
import { alarmsOf, deadlineOf, type Audience, type EscalationAction } from './change-request-deadlines';
import { isMinorChange, type ChangeRequestForm, type RevisionForm } from './change-request-forms';
import { refusalOf } from './change-request-rules';
import {
  changeRequestState,
  type ChangeRequestArgs,
  type ChangeRequestOutcome,
  type ChangeRequestView,
  type Decision,
  type FinalStep,
  type WaitingStep,
} from './hand-written-messages';

// The same activity, timeout and retry policy as workflows/sop-project.ts (its defaults).
const { deliverEffect } = proxyActivities<ProjectActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 30,
  },
});

const TITLES: Record<WaitingStep, string> = {
  request: '填写变更申请',
  minorHeadApproval: '部门负责人审批',
  majorHeadApproval: '部门负责人审批 (一级)',
  ctoApproval: 'CTO 审批 (二级)',
  revise: '处理驳回',
};

const OUTCOMES: Record<FinalStep, ChangeRequestOutcome['outcome']> = {
  approved: 'completed',
  rejected: 'rejected',
  withdrawn: 'cancelled',
};

interface OpenStep {
  readonly step: WaitingStep;
  assignees: string[];
  readonly enteredAt: number;
  readonly dueAt: number;
  overdue: boolean;
}

/** Runs one change request from filing to its final step. */
export async function changeRequestApproval(args: ChangeRequestArgs): Promise<ChangeRequestOutcome> {
  const { people } = args;
  let open: OpenStep | undefined;
  let ended: { step: FinalStep; at: number } | undefined;
  const forms: { request?: ChangeRequestForm; revise?: RevisionForm } = {};
  const decisions: Decision[] = [];
  const completedSteps: ChangeRequestView['completedSteps'][number][] = [];
  // An accepted action waits here until the main code picks it up; `moves` counts step changes,
  // so the update can answer with the step the action led to.
  let inbox: ActionRequest | undefined;
  let moves = 0;
  let sequence = 0;
  const sending = new Set<Promise<void>>();

  const audience = (who: Audience): readonly string[] => {
    switch (who) {
      case 'assignee':
        return open?.assignees ?? [];
      case 'approvalAdmin':
        return people.approvalAdmins;
      case 'opsAdmin':
        return people.opsAdmins;
      default:
        return [people[who]];
    }
  };

  /**
   * One activity call per notification. Deliveries run in the background: a slow or failing
   * notification channel holds up neither people's actions nor deadlines. One that fails for
   * good is logged, not fatal (as in ours); `flush` awaits them before the project completes.
   */
  const notify = (
    reason: NotifyEffect['reason'],
    step: string,
    refs: readonly string[],
    to: readonly string[],
    message: string,
    rung?: number,
  ) => {
    const effect: NotifyEffect = {
      kind: 'notify',
      id: `n${++sequence}`,
      at: Date.now(),
      reason,
      step,
      refs,
      to: [...new Set(to)],
      message,
      ...(rung !== undefined ? { rung } : {}),
      // The SOP routes to no particular channel, so ours sends through the default `log` one too.
      channels: ['log'],
    };
    const delivery: Promise<void> = deliverEffect(effect)
      .then(
        () => undefined,
        (error: unknown) =>
          log.warn('notification delivery gave up', {
            notification: effect.id,
            error: error instanceof Error ? error.message : String(error),
          }),
      )
      .finally(() => sending.delete(delivery));
    sending.add(delivery);
  };
  const flush = async () => {
    while (sending.size > 0) await Promise.all([...sending]);
  };

  /** Publishes where the project is, so Temporal's UI and CLI can find it. */
  const publish = (status: string, step: string) =>
    upsertSearchAttributes([
      { key: SOP_STATUS, value: status },
      { key: SOP_CURRENT_STEP, value: [step] },
    ]);

  const leave = (now: number) => {
    if (open) completedSteps.push({ id: open.step, enteredAt: iso(open.enteredAt), exitedAt: iso(now) });
  };

  const enter = (step: WaitingStep, assignees: string[]) => {
    const now = Date.now();
    leave(now);
    open = { step, assignees, enteredAt: now, dueAt: now + deadlineOf(step), overdue: false };
    moves++;
    publish('active', step);
    notify('assigned', step, ['assignee'], assignees, `「${TITLES[step]}」已分配给您，请及时处理`);
  };

  const finish = async (step: FinalStep): Promise<ChangeRequestOutcome> => {
    const now = Date.now();
    leave(now);
    open = undefined;
    ended = { step, at: now };
    moves++;
    publish(OUTCOMES[step], step);
    await flush();
    await condition(allHandlersFinished);
    return { status: OUTCOMES[step], finalStep: step, outcome: OUTCOMES[step] };
  };

  /** A notice step (rejectedNotice, approvedNotice): tell people, move on at once. */
  const notice = (step: string, refs: readonly Audience[], message: string) =>
    notify('step', step, refs, refs.flatMap(audience), message);

  /**
   * Waits for the next accepted action of the open step, firing its reminder and escalations on
   * durable timers meanwhile; an escalation that withdraws or rejects the request ends the wait.
   */
  const nextAction = async (): Promise<
    ActionRequest | Exclude<EscalationAction, 'reassignToDeptHeadManager'>
  > => {
    const step = open!;
    for (const alarm of alarmsOf(step.step)) {
      const wait = Math.max(1, step.enteredAt + alarm.after - Date.now());
      if (inbox !== undefined || (await condition(() => inbox !== undefined, wait))) return take();
      if (alarm.reason === 'escalation') step.overdue = true;
      notify(
        alarm.reason,
        step.step,
        alarm.notify,
        alarm.notify.flatMap(audience),
        alarm.message,
        alarm.rung,
      );
      if (alarm.then === 'reassignToDeptHeadManager') {
        step.assignees = [people.deptHeadManager];
        notify(
          'assigned',
          step.step,
          ['assignee'],
          step.assignees,
          `「${TITLES[step.step]}」已分配给您，请及时处理`,
        );
      } else if (alarm.then) {
        return alarm.then;
      }
    }
    await condition(() => inbox !== undefined);
    return take();
  };
  const take = (): ActionRequest => {
    const action = inbox!;
    inbox = undefined;
    return action;
  };

  const decide = (action: ActionRequest) => {
    decisions.push({
      step: open!.step,
      decision: action.type === 'approve' ? 'approved' : 'rejected',
      by: action.actor.user,
      at: iso(Date.now()),
      ...(action.comment !== undefined ? { comment: action.comment } : {}),
    });
  };

  // The first step is entered before the handlers are set, so the validator always has a step.
  enter('request', [people.requester]);

  setHandler(changeRequestState, () => view(open, ended, forms, decisions, completedSteps));
  setHandler(
    actUpdate,
    async (request: ActionRequest): Promise<ActionResult> => {
      const seen = moves;
      inbox = request;
      await condition(() => moves !== seen);
      return { accepted: true, status: ended ? 'done' : 'active', steps: open ? [open.step] : [] };
    },
    {
      validator: (request: ActionRequest) => {
        const refusal = refusalOf(open, people.requester, inbox !== undefined, request);
        if (refusal) {
          throw ApplicationFailure.create({
            type: ACTION_REJECTED,
            message: refusal.message,
            details: [refusal],
            nonRetryable: true,
          });
        }
      },
    },
  );

  for (;;) {
    const filed = await nextAction();
    if (filed === 'withdraw' || filed === 'reject' || filed.type === 'withdraw') return finish('withdrawn');
    forms.request = filed.data as ChangeRequestForm;
    const minor = isMinorChange(forms.request);
    enter(minor ? 'minorHeadApproval' : 'majorHeadApproval', [people.deptHead]);
    let verdict = await nextAction();
    if (typeof verdict === 'string' || verdict.type === 'withdraw') return finish('withdrawn');
    decide(verdict);
    if (verdict.type === 'approve' && !minor) {
      enter('ctoApproval', [people.cto]);
      verdict = await nextAction();
      if (typeof verdict === 'string' || verdict.type === 'withdraw') return finish('withdrawn');
      decide(verdict);
    }
    if (verdict.type === 'approve') {
      notice('approvedNotice', ['requester', 'deptHead', 'opsAdmin'], '变更申请已审批通过，可按计划实施');
      return finish('approved');
    }
    notice(
      'rejectedNotice',
      ['requester', 'deptHead'],
      '变更申请被驳回，请查看审批意见，修改后重新提交或撤回',
    );
    enter('revise', [people.requester]);
    const answer = await nextAction();
    if (answer === 'reject') return finish('rejected');
    if (typeof answer === 'string') return finish('withdrawn');
    forms.revise = answer.data as RevisionForm;
    if (forms.revise.decision === 'withdraw') return finish('withdrawn');
    enter('request', [people.requester]);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function view(
  open: OpenStep | undefined,
  ended: { step: FinalStep; at: number } | undefined,
  forms: ChangeRequestView['forms'],
  decisions: readonly Decision[],
  completedSteps: ChangeRequestView['completedSteps'],
): ChangeRequestView {
  const common = { forms, decisions, completedSteps };
  if (!open) {
    const step = ended?.step ?? 'withdrawn';
    return {
      ...common,
      status: OUTCOMES[step],
      step,
      assignees: [],
      enteredAt: iso(ended?.at ?? 0),
      overdue: false,
    };
  }
  return {
    ...common,
    status: 'active',
    step: open.step,
    assignees: open.assignees,
    enteredAt: iso(open.enteredAt),
    dueAt: iso(open.dueAt),
    overdue: open.overdue,
  };
}
