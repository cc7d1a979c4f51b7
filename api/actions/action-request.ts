import type { ActionRequest } from '../../workflows/messages';
import { ApiError } from '../errors';

const FIELDS = ['type', 'actor', 'data', 'task', 'step', 'status', 'comment', 'reason'];
const TEXT_FIELDS = ['task', 'step', 'status', 'comment', 'reason'] as const;
const EXAMPLE = '{ "type": "task.update", "actor": { "user": "sun.peng" }, "task": "t1", "status": "done" }';

/**
 * Checks the envelope of an action (`POST /projects/:id/actions`) and keeps only its known fields,
 * so nothing else reaches the project's history. Whether the action is allowed is the project's
 * call, not this function's.
 *
 * @example
 * parseActionRequest({ type: 'submit', data: { goals: '…' } }, 'he.yun').actor; // { user: 'he.yun' }
 */
export function parseActionRequest(body: Record<string, unknown>, caller: string): ActionRequest {
  const unknown = Object.keys(body).filter((k) => !FIELDS.includes(k));
  if (unknown.length > 0) {
    throw new ApiError(
      'INVALID_REQUEST',
      `unknown field(s) ${unknown.map((k) => `'${k}'`).join(', ')}; an action has ${FIELDS.join(', ')} (form fields go inside 'data')`,
    );
  }
  const { type, actor } = body;
  if (typeof type !== 'string' || type === '') {
    throw new ApiError(
      'INVALID_REQUEST',
      `'type' must name the action (submit, approve, task.update, …), like ${EXAMPLE}`,
    );
  }
  if (actor !== undefined && (actor === null || typeof actor !== 'object')) {
    throw new ApiError(
      'INVALID_REQUEST',
      `'actor' must be an object like { "user": "sun.peng" }, or left out to act as yourself`,
    );
  }
  const given = actor as { user?: unknown; onBehalfOf?: unknown } | undefined;
  const user = given?.user ?? caller;
  if (typeof user !== 'string' || user === '') {
    throw new ApiError(
      'INVALID_REQUEST',
      `'actor.user' must be a user id (a string), or leave 'actor' out to act as yourself`,
    );
  }
  const onBehalfOf = given?.onBehalfOf;
  if (onBehalfOf !== undefined && typeof onBehalfOf !== 'string') {
    throw new ApiError('INVALID_REQUEST', `'actor.onBehalfOf' must be a user id (a string) when given`);
  }
  for (const field of TEXT_FIELDS) {
    if (body[field] !== undefined && typeof body[field] !== 'string') {
      throw new ApiError('INVALID_REQUEST', `'${field}' must be a string when given`);
    }
  }
  return {
    type,
    // An integration account relaying someone else's action is named as `via`, for auditors.
    actor: {
      user,
      ...(onBehalfOf !== undefined ? { onBehalfOf } : {}),
      ...(user !== caller ? { via: caller } : {}),
    },
    ...(body.data !== undefined ? { data: body.data } : {}),
    ...Object.fromEntries(
      TEXT_FIELDS.filter((f) => body[f] !== undefined).map((f) => [f, body[f] as string]),
    ),
  };
}
