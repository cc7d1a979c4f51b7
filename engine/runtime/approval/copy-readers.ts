import type { ActionHandler } from '../action-plan';
import { defaultMessage } from '../messages';
import { readPath } from '../participants';
import { stepOf } from '../step-index';
import { approvalFlowOf } from '../../model/approval-flow';
import { actorOf, commentOf, withAction } from './settle-approval';

/** The user ids of `data.users`, each once. */
export function readUsers(data: unknown): string[] {
  const users = readPath(data, 'users');
  return Array.isArray(users) ? [...new Set(users.filter((u): u is string => typeof u === 'string'))] : [];
}

/**
 * Copies readers in (抄送, `data.users`): they are told now and again when the step decides, and
 * never act on it.
 */
export const copyReaders: ActionHandler<{ step: string }> = (input, { step: id }) => {
  const step = approvalFlowOf(stepOf(input.compiled, id));
  const before = input.context.approvals[id];
  if (!step || before?.outcome !== 'open') return {};
  const users = readUsers(input.event.data);
  const record = withAction(
    { ...before, cc: [...new Set([...(before.cc ?? []), ...users])] },
    { action: 'cc', by: actorOf(input), at: input.now, ...commentOf(input), data: { users } },
  );
  return {
    context: { approvals: { ...input.context.approvals, [id]: record } },
    effects: [
      {
        kind: 'notify',
        reason: 'cc',
        step: id,
        refs: [],
        to: users,
        message: defaultMessage(input.compiled, 'copied', {
          title: step.title ?? id,
          detail: commentOf(input).comment ?? '',
        }),
      },
    ],
  };
};
