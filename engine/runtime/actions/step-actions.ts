import type { EscalationRung, ReminderSpec, Step } from '../../model/sop';
import { channelsOf, type ActionHandler, type EffectDraft } from '../action-plan';
import { SYSTEM_USER } from '../context';
import { computeDueAt, rungAt, subtractDuration, durationOf, timeContextOf } from '../deadlines';
import { defaultMessage } from '../messages';
import { resolveRefs } from '../participants';
import { stepOf } from '../step-index';
import { isApprovalFlow } from '../../model/approval-flow';
import { reassignApprovers } from '../approval/reassign-approvers';
import { listActiveApprovers } from '../approval/stage-outcome';
import { cel } from './variables';

type StepParams = { step: string };

function titleOf(step: Step, id: string): string {
  return step.title ?? id;
}

function isHuman(step: Step): step is Extract<Step, { assignee: string }> {
  return step.kind === 'form' || step.kind === 'tasks' || step.kind === 'approval';
}

/** Entering a step: record it, resolve its assignees, compute its due time, announce the assignment. */
export const enterStep: ActionHandler<StepParams> = ({ compiled, context, now }, { step: id }) => {
  const step = stepOf(compiled, id);
  const zone = timeContextOf(compiled);
  const deadline = isHuman(step) ? step.deadline : step.kind === 'wait' ? step.until : undefined;
  const dueAt = deadline !== undefined ? computeDueAt(deadline, now, cel(context), zone) : undefined;
  const steps = {
    ...context.steps,
    [id]: { enteredAt: now, overdue: false, ...(dueAt !== undefined ? { dueAt } : {}) },
  };
  // An approval flow resolves its approvers itself (`sop.approval.open`, next on entry).
  if (!isHuman(step) || isApprovalFlow(step) || step.assignee === undefined) return { context: { steps } };
  const assignees = resolveRefs([step.assignee], context, { step: id });
  const effects: EffectDraft[] = [
    {
      kind: 'notify',
      reason: 'assigned',
      step: id,
      refs: [step.assignee],
      to: assignees,
      message: defaultMessage(compiled, 'assigned', { title: titleOf(step, id) }),
    },
  ];
  return { context: { steps, assignees: { ...context.assignees, [id]: assignees } }, effects };
};

export const exitStep: ActionHandler<StepParams> = ({ context, now }, { step: id }) => {
  const record = context.steps[id];
  if (!record) return {};
  return { context: { steps: { ...context.steps, [id]: { ...record, exitedAt: now } } } };
};

function reminderOf(step: Step, index: number): ReminderSpec | undefined {
  return isHuman(step) ? step.reminders?.[index] : undefined;
}

function rungOf(step: Step, index: number): EscalationRung | undefined {
  return isHuman(step) ? step.escalation?.[index] : undefined;
}

/** A reminder before the deadline; skipped when the step started after the reminder's time. */
export const remind: ActionHandler<StepParams & { reminder: number }> = ({ compiled, context }, params) => {
  const step = stepOf(compiled, params.step);
  const reminder = reminderOf(step, params.reminder);
  const record = context.steps[params.step];
  if (!reminder || !('before' in reminder) || !record || record.dueAt === undefined) return {};
  const remindAt = subtractDuration(record.dueAt, durationOf(reminder.before), timeContextOf(compiled));
  if (remindAt < record.enteredAt) return {};
  return {
    effects: [
      {
        kind: 'notify',
        reason: 'reminder',
        step: params.step,
        refs: reminder.notify,
        ...channelsOf(reminder),
        to: resolveRefs(reminder.notify, context, { step: params.step }),
        message:
          reminder.message ?? defaultMessage(compiled, 'reminder', { title: titleOf(step, params.step) }),
      },
    ],
  };
};

/** The deadline passes: the step is overdue from now on. */
export const markOverdue: ActionHandler<StepParams> = ({ compiled, context }, { step: id }) => {
  const record = context.steps[id];
  if (!record) return {};
  const step = stepOf(compiled, id);
  return {
    context: { steps: { ...context.steps, [id]: { ...record, overdue: true } } },
    effects: [
      {
        kind: 'record',
        what: 'overdue',
        step: id,
        detail: defaultMessage(compiled, 'overdue', { title: titleOf(step, id) }),
      },
    ],
  };
};

/** One rung of the escalation ladder: notify, reassign, act automatically, or move on. */
export const escalate: ActionHandler<StepParams & { rung: number }> = (
  { compiled, context, now },
  params,
) => {
  const id = params.step;
  const step = stepOf(compiled, id);
  const rung = rungOf(step, params.rung);
  if (!rung) return {};
  const title = titleOf(step, id);
  const effects: EffectDraft[] = [];
  let assignees = context.assignees;
  let approvals = context.approvals;
  if (rung.notify && rung.notify.length > 0) {
    effects.push({
      kind: 'notify',
      reason: 'escalation',
      step: id,
      rung: params.rung,
      refs: rung.notify,
      ...channelsOf(rung),
      to: resolveRefs(rung.notify, context, { step: id }),
      message: rung.message ?? defaultMessage(compiled, 'escalation', { title, rung: params.rung + 1 }),
    });
  }
  if (rung.reassign) {
    const to = resolveRefs([rung.reassign], context, { step: id });
    const record = approvals[id];
    if (isApprovalFlow(step) && record) {
      // The late approvers' seats move; the others keep theirs.
      const moved = reassignApprovers(record, to);
      approvals = { ...approvals, [id]: moved };
      assignees = { ...assignees, [id]: listActiveApprovers(moved) };
    } else {
      assignees = { ...assignees, [id]: to };
    }
    effects.push({ kind: 'record', what: 'reassigned', step: id, detail: `reassigned to ${to.join(', ')}` });
    effects.push({
      kind: 'notify',
      reason: 'assigned',
      step: id,
      refs: [rung.reassign],
      to,
      message: defaultMessage(compiled, 'assigned', { title }),
    });
  }
  if (rung.goto)
    effects.push({ kind: 'record', what: 'escalated-to-step', step: id, detail: `moved to '${rung.goto}'` });
  if (rung.cancel && !rung.goto) {
    effects.push({
      kind: 'record',
      what: 'cancelled',
      step: id,
      detail: 'project cancelled by the escalation ladder',
    });
  }
  const raise = rung.action
    ? [
        {
          type: rung.action,
          at: now,
          actor: { user: SYSTEM_USER },
          comment: `automatic ${rung.action} after escalation`,
        },
      ]
    : [];
  if (rung.action)
    effects.push({ kind: 'record', what: 'auto-action', step: id, detail: `automatic '${rung.action}'` });
  return {
    context: { assignees, ...(approvals !== context.approvals ? { approvals } : {}) },
    effects,
    raise,
  };
};

/** A `notify` step sends its message. */
export const announce: ActionHandler<StepParams> = ({ compiled, context }, { step: id }) => {
  const step = stepOf(compiled, id);
  if (step.kind !== 'notify') return {};
  return {
    effects: [
      {
        kind: 'notify',
        reason: 'step',
        step: id,
        refs: step.notify,
        ...channelsOf(step),
        to: resolveRefs(step.notify, context, { step: id }),
        message: step.message,
      },
    ],
  };
};

/** Delay, in ms from now, of a fixed-offset step timer; negative values fire at once. */
export function stepTimerAt(
  compiled: Parameters<ActionHandler<StepParams>>[0]['compiled'],
  dueAt: number,
  step: Step,
  timer: { kind: 'reminder' | 'rung'; index: number } | { kind: 'deadline' },
): number {
  const zone = timeContextOf(compiled);
  if (timer.kind === 'deadline') return dueAt;
  if (timer.kind === 'reminder') {
    const reminder = reminderOf(step, timer.index);
    return reminder && 'before' in reminder
      ? subtractDuration(dueAt, durationOf(reminder.before), zone)
      : dueAt;
  }
  const rung = rungOf(step, timer.index);
  return rung ? rungAt(dueAt, rung.after, zone) : dueAt;
}
