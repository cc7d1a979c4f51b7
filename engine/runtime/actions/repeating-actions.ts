import type { RecurringSpec, ReminderSpec, Step } from '../../model/sop';
import { internalEvents } from '../../model/machine-names';
import { channelsOf, type ActionHandler, type ActionPlan, type EffectDraft } from '../action-plan';
import { nextRecurrenceAt, timeContextOf } from '../deadlines';
import { defaultMessage, fillTemplate } from '../messages';
import { readPath, resolveRefs } from '../participants';
import { stepOf } from '../step-index';
import { buildWeeklyReport, WEEKLY_REPORT_TEMPLATE } from '../weekly-report';

type StepParams = { step: string };

function repeatingReminders(step: Step): { spec: Extract<ReminderSpec, { every: string }>; index: number }[] {
  if (step.kind !== 'form' && step.kind !== 'tasks' && step.kind !== 'approval') return [];
  const out: { spec: Extract<ReminderSpec, { every: string }>; index: number }[] = [];
  (step.reminders ?? []).forEach((spec, index) => {
    if ('every' in spec) out.push({ spec, index });
  });
  return out;
}

function recurringOf(step: Step): readonly RecurringSpec[] {
  return 'recurring' in step && step.recurring ? step.recurring : [];
}

/** Ids under which a step's repeating timers are scheduled (and cancelled). */
export const repeatingIds = {
  every: (step: string, index: number) => `${step}#every#${index}`,
  recurring: (step: string, id: string) => `${step}#recurring#${id}`,
};

/** Arms every repeating reminder and recurring obligation of a step when it is entered. */
export const armRepeating: ActionHandler<StepParams> = ({ compiled, now }, { step: id }) => {
  const step = stepOf(compiled, id);
  const zone = timeContextOf(compiled);
  const schedule: NonNullable<ActionPlan['schedule']>[number][] = [];
  for (const { spec, index } of repeatingReminders(step)) {
    schedule.push({
      id: repeatingIds.every(id, index),
      event: { type: internalEvents.every(id, index) },
      at: nextRecurrenceAt(spec.every, now, zone),
    });
  }
  for (const recurring of recurringOf(step)) {
    schedule.push({
      id: repeatingIds.recurring(id, recurring.id),
      event: { type: internalEvents.recurring(id, recurring.id) },
      at: nextRecurrenceAt(recurring.every, now, zone),
    });
  }
  return { schedule };
};

export const disarmRepeating: ActionHandler<StepParams> = ({ compiled }, { step: id }) => {
  const step = stepOf(compiled, id);
  return {
    cancel: [
      ...repeatingReminders(step).map(({ index }) => repeatingIds.every(id, index)),
      ...recurringOf(step).map((r) => repeatingIds.recurring(id, r.id)),
    ],
  };
};

/** A repeating step reminder fires: notify, then arm the next occurrence. */
export const repeatReminder: ActionHandler<StepParams & { reminder: number }> = (
  { compiled, context, now },
  params,
) => {
  const step = stepOf(compiled, params.step);
  const found = repeatingReminders(step).find((r) => r.index === params.reminder);
  if (!found) return {};
  return {
    effects: [
      {
        kind: 'notify',
        reason: 'check-in',
        step: params.step,
        refs: found.spec.notify,
        ...channelsOf(found.spec),
        to: resolveRefs(found.spec.notify, context, { step: params.step }),
        message:
          found.spec.message ?? defaultMessage(compiled, 'reminder', { title: step.title ?? params.step }),
      },
    ],
    schedule: [
      {
        id: repeatingIds.every(params.step, params.reminder),
        event: { type: internalEvents.every(params.step, params.reminder) },
        at: nextRecurrenceAt(found.spec.every, now, timeContextOf(compiled)),
      },
    ],
  };
};

/**
 * A recurring obligation comes due (e.g. the Friday 17:00 weekly report): send it, arm the next.
 * When the obligation expects a hand-in and none came since it was last due, say so to
 * `ifMissed.notify` (the missed report escalates); the report goes out either way.
 */
export const recur: ActionHandler<StepParams & { recurring: string }> = (
  { compiled, context, now },
  params,
) => {
  const step = stepOf(compiled, params.step);
  const recurring = recurringOf(step).find((r) => r.id === params.recurring);
  if (!recurring) return {};
  const key = `${params.step}/${recurring.id}`;
  const since = context.recurringLast?.[key] ?? context.steps[params.step]?.enteredAt ?? context.startedAt;
  const handedIn = (context.reports?.[params.step] ?? []).filter(
    (r) => r.recurring === recurring.id && r.at >= since,
  );
  const notes = handedIn
    .map((r) => readPath(r.data, 'notes'))
    .filter((n): n is string => typeof n === 'string');
  const title = recurring.title ?? recurring.id;
  const body =
    recurring.message === WEEKLY_REPORT_TEMPLATE
      ? buildWeeklyReport(compiled, context, now)
      : fillTemplate(recurring.message ?? title, { title });
  const effects: EffectDraft[] = [
    {
      kind: 'notify',
      reason: 'recurring',
      recurring: recurring.id,
      step: params.step,
      refs: recurring.notify,
      ...channelsOf(recurring),
      to: resolveRefs(recurring.notify, context, { step: params.step }),
      message: notes.length > 0 ? `${body}\n${notes.join('\n')}` : body,
    },
  ];
  if (recurring.expect && handedIn.length === 0) {
    const missed = recurring.expect.ifMissed;
    effects.push({
      kind: 'notify',
      reason: 'missed-report',
      recurring: recurring.id,
      step: params.step,
      refs: missed.notify,
      ...channelsOf(recurring),
      to: resolveRefs(missed.notify, context, { step: params.step }),
      message: missed.message ?? defaultMessage(compiled, 'missedReport', { title }),
    });
  }
  return {
    context: { recurringLast: { ...context.recurringLast, [key]: now } },
    effects,
    schedule: [
      {
        id: repeatingIds.recurring(params.step, recurring.id),
        event: { type: internalEvents.recurring(params.step, recurring.id) },
        at: nextRecurrenceAt(recurring.every, now, timeContextOf(compiled)),
      },
    ],
  };
};

/** Someone hands in what a recurring obligation expects (checked by the rules). */
export const submitRecurring: ActionHandler<StepParams> = ({ context, event, now }, { step }) => {
  const recurring = String(readPath(event.data, 'recurring'));
  const entry = { recurring, by: event.actor?.user ?? 'unknown', at: now, data: event.data ?? {} };
  return {
    context: { reports: { ...context.reports, [step]: [...(context.reports?.[step] ?? []), entry] } },
  };
};
