import type { RecurringSpec, ReminderSpec, Step } from '../../model/sop';
import { internalEvents } from '../../model/machine-names';
import type { ActionHandler, ActionPlan } from '../action-plan';
import { nextRecurrenceAt, timeContextOf } from '../deadlines';
import { defaultMessage, fillTemplate } from '../messages';
import { resolveRefs } from '../participants';
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

/** A recurring obligation comes due (e.g. the Friday 17:00 weekly report): send it, arm the next. */
export const recur: ActionHandler<StepParams & { recurring: string }> = (
  { compiled, context, now },
  params,
) => {
  const step = stepOf(compiled, params.step);
  const recurring = recurringOf(step).find((r) => r.id === params.recurring);
  if (!recurring) return {};
  const zone = timeContextOf(compiled);
  const message =
    recurring.message === WEEKLY_REPORT_TEMPLATE
      ? buildWeeklyReport(compiled, context, now)
      : fillTemplate(recurring.message ?? recurring.title ?? recurring.id, {
          title: recurring.title ?? recurring.id,
        });
  return {
    effects: [
      {
        kind: 'notify',
        reason: 'recurring',
        recurring: recurring.id,
        step: params.step,
        refs: recurring.notify,
        to: resolveRefs(recurring.notify, context, { step: params.step }),
        message,
      },
    ],
    schedule: [
      {
        id: repeatingIds.recurring(params.step, recurring.id),
        event: { type: internalEvents.recurring(params.step, recurring.id) },
        at: nextRecurrenceAt(recurring.every, now, zone),
      },
    ],
  };
};
