/**
 * Who may do what in which step of the hand-written change-request workflow: the checks its
 * update validator runs, so a refused action never reaches history (as in our workflow).
 */
import type { ActionRequest } from '../../workflows/messages';
import { changeRequestProblems, revisionProblems } from './change-request-forms';
import type { WaitingStep } from './hand-written-messages';

export interface Refusal {
  readonly code: 'NOT_ALLOWED' | 'INVALID_DATA' | 'WRONG_STATE' | 'PROJECT_ENDED';
  readonly message: string;
}

/** The step a project waits in, as the validator needs it; `undefined` once the project ended. */
export interface OpenStep {
  readonly step: WaitingStep;
  readonly assignees: readonly string[];
}

const ACCEPTS: Record<WaitingStep, readonly string[]> = {
  request: ['submit', 'withdraw'],
  minorHeadApproval: ['approve', 'reject', 'withdraw'],
  majorHeadApproval: ['approve', 'reject', 'withdraw'],
  ctoApproval: ['approve', 'reject', 'withdraw'],
  revise: ['submit'],
};

function shapeRefusal(request: ActionRequest): Refusal | undefined {
  const invalid = (message: string): Refusal => ({ code: 'INVALID_DATA', message });
  if (typeof request !== 'object' || request === null) return invalid('the action must be an object');
  if (typeof request.type !== 'string' || request.type === '') return invalid("the action needs a 'type'");
  if (typeof request.actor?.user !== 'string' || request.actor.user === '')
    return invalid("the action needs 'actor.user'");
  return undefined;
}

/**
 * Why the project refuses `request` now, or `undefined` when it accepts it. `busy` is true while
 * an accepted action waits for the workflow's main code to pick it up (the same workflow task).
 */
export function refusalOf(
  open: OpenStep | undefined,
  requester: string,
  busy: boolean,
  request: ActionRequest,
): Refusal | undefined {
  const shape = shapeRefusal(request);
  if (shape) return shape;
  if (!open) return { code: 'PROJECT_ENDED', message: 'the project has ended; it accepts no more actions' };
  if (busy) return { code: 'WRONG_STATE', message: 'another action is being processed; try again' };
  const { step, assignees } = open;
  if (!ACCEPTS[step].includes(request.type)) {
    return {
      code: 'WRONG_STATE',
      message: `'${step}' accepts ${ACCEPTS[step].join(', ')}, not '${request.type}'`,
    };
  }
  const actor = request.actor.user;
  const allowed = request.type === 'withdraw' ? [requester] : assignees;
  if (!allowed.includes(actor)) {
    return {
      code: 'NOT_ALLOWED',
      message: `'${actor}' may not ${request.type} in step '${step}': it is for ${allowed.join(', ')}`,
    };
  }
  if (request.type === 'reject' && (request.comment ?? '').trim() === '')
    return { code: 'INVALID_DATA', message: `a rejection in step '${step}' needs a comment saying why` };
  if (request.type === 'submit') {
    const problems = step === 'revise' ? revisionProblems(request.data) : changeRequestProblems(request.data);
    if (problems.length > 0)
      return { code: 'INVALID_DATA', message: `the form is incomplete or invalid: ${problems.join('; ')}` };
  }
  return undefined;
}
