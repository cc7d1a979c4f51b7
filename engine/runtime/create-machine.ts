import { enqueueActions, setup, type AnyStateMachine } from 'xstate';
import type { CompiledSop } from '../model/compiled';
import { stampEffects, type ActionHandler } from './action-plan';
import { addApprover } from './approval/add-approver';
import { closeApproval } from './approval/close-approval';
import { copyReaders } from './approval/copy-readers';
import { decideApproval } from './approval/decide-approval';
import { openApproval } from './approval/open-approval';
import { transferApproval } from './approval/transfer-approval';
import { urgeApprovers } from './approval/urge-approvers';
import * as formActions from './actions/form-actions';
import * as repeatingActions from './actions/repeating-actions';
import * as stepActions from './actions/step-actions';
import * as taskActions from './actions/task-actions';
import { taskTimer } from './actions/task-timers';
import { nowOf } from './clock';
import type { ProjectStart, SopContext, SopEvent } from './context';
import { buildDelays } from './delays';
import { EFFECT_ACTION } from './effects';
import * as guards from './guards';
import { taskBoundAliases } from './participants';

/** The context a project starts with. */
export function initialContext(
  start: ProjectStart,
  aliases: Readonly<Record<string, string>> = {},
): SopContext {
  const members = new Set<string>();
  for (const users of Object.values(start.people)) for (const u of users) members.add(u);
  const listed = start.input.members;
  if (Array.isArray(listed)) for (const u of listed) if (typeof u === 'string') members.add(u);
  return {
    input: start.input,
    startedAt: start.startedAt,
    org: start.org,
    people: start.people,
    ...(Object.keys(aliases).length > 0 ? { aliases } : {}),
    members: [...members],
    assignees: {},
    steps: {},
    forms: {},
    submissions: {},
    tasks: {},
    approvals: {},
    seq: 0,
  };
}

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call --
   XState's typed setup cannot follow implementations built at run time from a compiled SOP and
   referenced by name; each handler checks its own params, and the tests drive every one. */
function bindAction<P>(compiled: CompiledSop, handler: ActionHandler<P>): any {
  const defaultChannels = compiled.document.notifications?.channels ?? ['log'];
  return enqueueActions(({ context, event, enqueue }: any, params: any) => {
    const ctx = context as SopContext;
    const ev = event as SopEvent;
    const now = nowOf(ev, ctx);
    const plan = handler({ compiled, context: ctx, event: ev, now }, params as P);
    const { effects, seq } = stampEffects(plan.effects ?? [], ctx.seq, now, defaultChannels);
    if (plan.context || effects.length > 0) enqueue.assign({ ...plan.context, seq });
    for (const effect of effects) enqueue({ type: EFFECT_ACTION, params: { effect } });
    for (const id of plan.cancel ?? []) enqueue.cancel(id);
    for (const item of plan.schedule ?? []) {
      enqueue.raise(item.event, { id: item.id, delay: Math.max(0, item.at - now) });
    }
    for (const raised of plan.raise ?? []) enqueue.raise(raised);
  });
}

function bindGuard<P>(compiled: CompiledSop, guard: (input: guards.GuardInput, params: P) => boolean): any {
  return ({ context, event }: any, params: any) =>
    guard({ compiled, context: context as SopContext, event: event as SopEvent }, params as P);
}

/**
 * Binds a compiled SOP's name-referenced guards, actions and delays to their implementations and
 * returns the XState machine. Drive it with XState's pure `initialTransition`/`transition`;
 * `sop.effect`, delayed `xstate.raise` and `xstate.cancel` actions are for the runtime to carry out.
 *
 * @example
 * const machine = createSopMachine(compiled);
 * const [snapshot, actions] = initialTransition(machine, { input, startedAt, org, people });
 */
export function createSopMachine(compiled: CompiledSop): AnyStateMachine {
  const aliases = taskBoundAliases(compiled.document);
  const a = <P>(handler: ActionHandler<P>) => bindAction(compiled, handler);
  const g = <P>(guard: (input: guards.GuardInput, params: P) => boolean) => bindGuard(compiled, guard);
  return setup({
    actions: {
      [EFFECT_ACTION]: () => undefined,
      'sop.enterStep': a(stepActions.enterStep),
      'sop.exitStep': a(stepActions.exitStep),
      'sop.remind': a(stepActions.remind),
      'sop.deadline': a(stepActions.markOverdue),
      'sop.escalate': a(stepActions.escalate),
      'sop.announce': a(stepActions.announce),
      'sop.armRepeating': a(repeatingActions.armRepeating),
      'sop.disarmRepeating': a(repeatingActions.disarmRepeating),
      'sop.repeatReminder': a(repeatingActions.repeatReminder),
      'sop.recur': a(repeatingActions.recur),
      'sop.submitRecurring': a(repeatingActions.submitRecurring),
      'sop.submit': a(formActions.submit),
      'sop.decide': a(formActions.decide),
      'sop.recordTransition': a(formActions.recordTransition),
      'sop.seedTasks': a(taskActions.seedTasks),
      'sop.addTask': a(taskActions.addTask),
      'sop.updateTask': a(taskActions.updateTask),
      'sop.acknowledgeTask': a(taskActions.acknowledge),
      'sop.flagNeedsHelp': a(taskActions.flagNeedsHelp),
      'sop.cancelTask': a(taskActions.cancelTask),
      'sop.disarmTasks': a(taskActions.disarmTasks),
      'sop.taskTimer': a(taskTimer),
      'sop.approval.open': a(openApproval),
      'sop.approval.decide': a(decideApproval),
      'sop.approval.close': a(closeApproval),
      'sop.approval.transfer': a(transferApproval),
      'sop.approval.addApprover': a(addApprover),
      'sop.approval.cc': a(copyReaders),
      'sop.approval.urge': a(urgeApprovers),
    },
    guards: {
      'sop.accepts': g(guards.accepts),
      'sop.transition': g(guards.transitionAllowed),
      'sop.when': g((input, params: { when: string }) => guards.conditionHolds(params.when, input.context)),
      'sop.allResponded': g(guards.allResponded),
      'sop.allTasksClosed': g(guards.allTasksClosed),
      'sop.approval.outcome': g(guards.approvalOutcomeIs),
      'sop.approval.sendsBackTo': g(guards.sendsBackTo),
    },
    delays: buildDelays(compiled) as any,
  }).createMachine({
    ...(compiled.machine as any),
    context: ({ input }: { input: ProjectStart }) => initialContext(input, aliases),
  });
}
/* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call */
