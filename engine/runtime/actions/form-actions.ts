import type { ActionHandler } from '../action-plan';
import type { SopContext } from '../context';
import { stepOf } from '../step-index';

type StepParams = { step: string };

function markFirstAction(context: SopContext, step: string, now: number): SopContext['steps'] {
  const record = context.steps[step];
  if (!record || record.firstActionAt !== undefined) return context.steps;
  return { ...context.steps, [step]: { ...record, firstActionAt: now } };
}

/** A form is submitted (already checked by the rules): keep it, per department where asked. */
export const submit: ActionHandler<StepParams> = ({ compiled, context, event, now }, { step: id }) => {
  const step = stepOf(compiled, id);
  const by = event.actor?.user ?? 'unknown';
  const department = step.kind === 'form' && step.respondents ? context.org.users[by]?.department : undefined;
  const submission = {
    by,
    at: now,
    data: event.data ?? {},
    ...(department !== undefined ? { department } : {}),
  };
  return {
    context: {
      forms: { ...context.forms, [id]: event.data ?? {} },
      submissions: { ...context.submissions, [id]: [...(context.submissions[id] ?? []), submission] },
      steps: markFirstAction(context, id, now),
    },
  };
};

/** An approver decides. */
export const decide: ActionHandler<StepParams & { decision: 'approved' | 'rejected' }> = (
  { context, event, now },
  params,
) => {
  const comment = typeof event.comment === 'string' && event.comment !== '' ? { comment: event.comment } : {};
  return {
    context: {
      approvals: {
        ...context.approvals,
        [params.step]: { decision: params.decision, by: event.actor?.user ?? 'unknown', at: now, ...comment },
      },
      steps: markFirstAction(context, params.step, now),
    },
  };
};

/** A custom transition was taken: it counts as the first action on the step. */
export const recordTransition: ActionHandler<StepParams> = ({ context, now }, { step }) => ({
  context: { steps: markFirstAction(context, step, now) },
});

export { markFirstAction };
