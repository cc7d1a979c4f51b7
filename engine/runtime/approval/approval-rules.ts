import type { CompiledSop } from '../../model/compiled';
import type { ApprovalStep } from '../../model/sop';
import { SYSTEM_USER, type SopContext, type SopEvent } from '../context';
import { durationOf, timeContextOf } from '../deadlines';
import { readPath, resolveRefs } from '../participants';
import type { Rejection } from '../rules';
import { addDuration } from '../../time';
import { ADD_POSITIONS } from './add-approver';
import { listSendBackTargets } from '../../model/approval-flow';
import type { ApprovalRecord } from './approval-record';
import { readUsers } from './copy-readers';
import { listActiveApprovers } from './stage-outcome';

const forbidden = (message: string): Rejection => ({ code: 'NOT_ALLOWED', message });
const invalid = (message: string): Rejection => ({ code: 'INVALID_DATA', message });
const conflict = (message: string): Rejection => ({ code: 'WRONG_STATE', message });

/** The default `urgeInterval`. */
export const DEFAULT_URGE_INTERVAL = '1h';

/** What every approval rule needs to know. */
interface RuleInput {
  readonly compiled: CompiledSop;
  readonly context: SopContext;
  readonly id: string;
  readonly step: ApprovalStep;
  readonly record: ApprovalRecord;
  readonly event: SopEvent;
  readonly actor: string;
}

function list(users: readonly string[]): string {
  return users.length > 0 ? users.join(', ') : 'nobody';
}

/** Refuses anyone but an approver whose turn it is, saying whose turn it is instead. */
function notCurrentApprover({ id, record, actor, event }: RuleInput): Rejection | undefined {
  if (actor === SYSTEM_USER) return undefined;
  const active = listActiveApprovers(record);
  if (active.includes(actor)) return undefined;
  const seats = (record.approvers ?? []).filter((s) => s.user === actor);
  if (seats.length > 0 && seats.every((s) => s.decision !== undefined)) {
    return conflict(`'${actor}' has already ${seats[0]!.decision} in step '${id}'`);
  }
  if (seats.length > 0) {
    return forbidden(`it is not yet '${actor}''s turn in step '${id}': waiting for ${list(active)}`);
  }
  return forbidden(
    `'${actor}' may not ${event.type} in step '${id}': the current approvers are ${list(active)}`,
  );
}

function requesters({ context, id, step }: RuleInput): string[] {
  return step.requester !== undefined ? resolveRefs([step.requester], context, { step: id }) : [];
}

/** Refuses anyone but the requester. */
function notRequester(input: RuleInput, what: string): Rejection | undefined {
  if (input.actor === SYSTEM_USER) return undefined;
  if (input.step.requester === undefined) {
    return forbidden(`step '${input.id}' names no 'requester', so nobody may ${what}`);
  }
  const allowed = requesters(input);
  return allowed.includes(input.actor)
    ? undefined
    : forbidden(
        `only the requester (${list(allowed)}) may ${what} in step '${input.id}', not '${input.actor}'`,
      );
}

function needsComment(input: RuleInput, what: string): Rejection | undefined {
  const comment = typeof input.event.comment === 'string' ? input.event.comment.trim() : '';
  if (input.actor === SYSTEM_USER || input.step.requireCommentOnReject === false || comment !== '')
    return undefined;
  return invalid(`${what} in step '${input.id}' needs a comment saying why`);
}

/** A user id of the org directory who holds no seat on the step yet. */
function newApproverRejection(input: RuleInput, user: unknown, field: string): Rejection | undefined {
  if (typeof user !== 'string' || user === '') return invalid(`${field} must be a user id, e.g. "rob"`);
  if (!input.context.org.users[user]) return invalid(`${field} '${user}' is not in the org directory`);
  if (user === input.actor) return invalid(`${field} '${user}' is the approver acting; name someone else`);
  if ((input.record.approvers ?? []).some((s) => s.user === user && s.decision === undefined)) {
    return invalid(`${field} '${user}' is already an approver of step '${input.id}'`);
  }
  return undefined;
}

function sendBackRejection(input: RuleInput): Rejection | undefined {
  const refused = notCurrentApprover(input);
  if (refused) return refused;
  const targets = listSendBackTargets(input.step);
  const to = readPath(input.event.data, 'to');
  if (typeof to !== 'string' || !targets.includes(to)) {
    return invalid(
      `data.to must name a step that step '${input.id}' may send back to: ${targets.join(', ') || 'none (declare sendBackTo)'}`,
    );
  }
  return needsComment(input, 'a send back');
}

function transferRejection(input: RuleInput): Rejection | undefined {
  return (
    notCurrentApprover(input) ?? newApproverRejection(input, readPath(input.event.data, 'to'), 'data.to')
  );
}

function addApproverRejection(input: RuleInput): Rejection | undefined {
  const refused = notCurrentApprover(input);
  if (refused) return refused;
  if (input.actor === SYSTEM_USER) return forbidden('the engine does not add approvers; an approver does');
  const position = readPath(input.event.data, 'position');
  if (!(ADD_POSITIONS as readonly unknown[]).includes(position)) {
    return invalid(`data.position must be one of ${ADD_POSITIONS.join(', ')}, not '${String(position)}'`);
  }
  return newApproverRejection(input, readPath(input.event.data, 'user'), 'data.user');
}

function ccRejection(input: RuleInput): Rejection | undefined {
  const { actor } = input;
  const mayCopy =
    actor === SYSTEM_USER ||
    listActiveApprovers(input.record).includes(actor) ||
    requesters(input).includes(actor);
  if (!mayCopy) {
    return forbidden(`only the current approvers or the requester may copy readers in on step '${input.id}'`);
  }
  const users = readUsers(input.event.data);
  if (users.length === 0) return invalid('data.users must list at least one user id, e.g. ["rob"]');
  const unknown = users.find((u) => !input.context.org.users[u]);
  return unknown !== undefined ? invalid(`data.users: '${unknown}' is not in the org directory`) : undefined;
}

function urgeRejection(input: RuleInput): Rejection | undefined {
  const refused = notRequester(input, 'urge');
  if (refused) return refused;
  const last = input.record.lastUrgedAt;
  if (last === undefined) return undefined;
  const interval = input.step.urgeInterval ?? DEFAULT_URGE_INTERVAL;
  const next = addDuration(last, durationOf(interval), timeContextOf(input.compiled));
  const now = input.event.at ?? last;
  return now < next
    ? conflict(
        `step '${input.id}' was urged at ${new Date(last).toISOString()}; urge again from ${new Date(next).toISOString()} (once every ${interval})`,
      )
    : undefined;
}

/**
 * Why an approval flow refuses one of its actions (approve, reject, sendBack, withdraw, transfer,
 * addApprover, cc, urge), or `undefined` when it accepts it. Called by `rejectionReason`, so
 * machine guards, the simulator and the workflow's update validators all agree.
 *
 * @example
 * approvalRejection(compiled, context, 'review', step, { type: 'approve', actor: { user: 'ann' } }, 'ann');
 * // { code: 'NOT_ALLOWED', message: "'ann' may not approve in step 'review': the current approvers are mia" }
 */
export function approvalRejection(
  compiled: CompiledSop,
  context: SopContext,
  id: string,
  step: ApprovalStep,
  event: SopEvent,
  actor: string,
): Rejection | undefined {
  const record = context.approvals[id];
  if (record?.outcome !== 'open') {
    return conflict(`the approval of step '${id}' is not open (${record?.outcome ?? 'not started'})`);
  }
  const input: RuleInput = { compiled, context, id, step, record, event, actor };
  switch (event.type) {
    case 'approve':
      return notCurrentApprover(input);
    case 'reject':
      return notCurrentApprover(input) ?? needsComment(input, 'a rejection');
    case 'sendBack':
      return sendBackRejection(input);
    case 'withdraw':
      return notRequester(input, 'withdraw');
    case 'transfer':
      return transferRejection(input);
    case 'addApprover':
      return addApproverRejection(input);
    case 'cc':
      return ccRejection(input);
    case 'urge':
      return urgeRejection(input);
    default:
      return undefined;
  }
}
