import type { SopContext, SopEvent } from '../context';

/**
 * The variables CEL expressions see: `input`, `forms`, `tasks`, `approvals`, and (for event
 * guards) `event` with its type, data, actor and comment.
 */
export function cel(context: SopContext, event?: SopEvent): Record<string, unknown> {
  const vars: Record<string, unknown> = {
    input: context.input,
    forms: context.forms,
    tasks: context.tasks,
    approvals: context.approvals,
  };
  if (event) {
    vars.event = {
      type: event.type,
      data: event.data ?? {},
      actor: event.actor ?? {},
      comment: event.comment ?? '',
    };
  }
  return vars;
}
