/**
 * The one generic workflow every project runs: it drives the project's pinned, compiled SOP with
 * XState's pure functions (through the engine's ProjectDriver), turns its delayed events into
 * durable timers and its effects into activities, and takes human actions as validated updates.
 *
 * Sandbox code: no Node APIs, no I/O, no ajv or yaml (enforced by ESLint). Time is workflow time.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Effect } from '../engine/runtime/effects';
import { ProjectDriver, type Turn } from '../engine/runtime/driver';
import { checkFormData } from '../engine/runtime/form-data';
import type { SopEvent } from '../engine/runtime/context';
import type { ProjectActivities } from './activities/deliver-effect';
import {
  ACTION_REJECTED,
  actUpdate,
  cancelUpdate,
  stateQuery,
  type ActionRequest,
  type CancelRequest,
  type ActionResult,
  type ProjectArgs,
  type ProjectOutcome,
} from './messages';
import { buildProjectView, cancelledView, type ProjectView } from './project-view';
import { searchAttributeUpdates } from './search-attribute-updates';

/**
 * A receiver that is down is retried with backoff (by default about 4 h in all: 30 attempts, at
 * most 10 minutes apart) before the delivery is given up; deliveries run beside the project, so a
 * dead channel never holds back deadlines or actions.
 */
function deliveryActivities(retry: ProjectArgs['deliveryRetry']) {
  return proxyActivities<ProjectActivities>({
    startToCloseTimeout: '30 seconds',
    retry: {
      initialInterval: retry?.initialInterval ?? '1 second',
      backoffCoefficient: 2,
      maximumInterval: retry?.maximumInterval ?? '10 minutes',
      maximumAttempts: retry?.maximumAttempts ?? 30,
    },
  });
}

/** Rejects a request that is not even shaped like an action, before the engine sees it. */
function checkShape(request: ActionRequest): void {
  const problem =
    typeof request !== 'object' || request === null
      ? 'the action must be an object'
      : typeof request.type !== 'string' || request.type === ''
        ? "the action needs a 'type' (e.g. submit, approve, task.update)"
        : typeof request.actor?.user !== 'string' || request.actor.user === ''
          ? "the action needs 'actor.user'"
          : request.actor.user.startsWith('@')
            ? "'actor.user' may not start with '@' (reserved for the engine)"
            : undefined;
  if (problem) {
    throw ApplicationFailure.create({
      type: ACTION_REJECTED,
      message: problem,
      details: [{ code: 'INVALID_DATA', message: problem }],
      nonRetryable: true,
    });
  }
}

function reject(code: string, message: string): never {
  throw ApplicationFailure.create({
    type: ACTION_REJECTED,
    message,
    details: [{ code, message }],
    nonRetryable: true,
  });
}

/** A cancellation needs a person and a reason; the reason is what auditors read later. */
function checkCancel(request: CancelRequest, active: boolean, cancelled: boolean): void {
  if (typeof request?.actor?.user !== 'string' || request.actor.user === '') {
    reject('INVALID_DATA', "a cancellation needs 'actor.user'");
  }
  if (typeof request.reason !== 'string' || request.reason.trim() === '') {
    reject('INVALID_DATA', 'a cancellation needs a reason saying why the project stops');
  }
  if (cancelled) reject('PROJECT_ENDED', 'the project was already cancelled');
  if (!active) reject('PROJECT_ENDED', 'the project has already ended');
}

/**
 * Why the project refuses an event. An event the engine cannot even evaluate (data of a shape no
 * guard expects) is refused as invalid data rather than failing the update: the sender's mistake,
 * never the project's. Validators do not run on replay, so this changes no recorded history.
 */
function explainSafely(
  driver: ProjectDriver,
  event: SopEvent,
): { code: string; message: string } | undefined {
  try {
    return driver.explain(event);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n').slice(-1)[0] : String(error);
    return { code: 'INVALID_DATA', message: `the action cannot be evaluated with the data sent: ${why}` };
  }
}

function toEvent(request: ActionRequest): SopEvent {
  return {
    type: request.type,
    at: Date.now(),
    actor: request.actor,
    ...(request.data !== undefined ? { data: request.data } : {}),
    ...(request.task !== undefined ? { task: request.task } : {}),
    ...(request.status !== undefined ? { status: request.status } : {}),
    ...(request.comment !== undefined ? { comment: request.comment } : {}),
    ...(request.step !== undefined ? { step: request.step } : {}),
  } as SopEvent;
}

/** Runs one project from kickoff (or from where it continued as new) to its final step. */
export async function sopProject(args: ProjectArgs): Promise<ProjectOutcome> {
  const { compiled } = args;
  const { deliverEffect } = deliveryActivities(args.deliveryRetry);
  const outbox: Effect[] = [];
  const inflight = new Set<Promise<void>>();
  /** Starts an effect's delivery without waiting for it; a delivery that finally fails is logged, not fatal. */
  const deliver = (effect: Effect) => {
    const delivery: Promise<void> = deliverEffect(effect)
      .catch((error: unknown) => {
        log.warn('effect delivery gave up', {
          effect: effect.id,
          error: error instanceof Error ? error.message : String(error),
        });
      })
      .finally(() => inflight.delete(delivery));
    inflight.add(delivery);
  };
  let revision = 0;
  const take = (turn: Turn) => {
    outbox.push(...turn.effects);
    revision++;
  };

  let driver: ProjectDriver;
  if (args.resume) {
    driver = ProjectDriver.restore(compiled, args.resume);
  } else {
    const schema = compiled.document.input?.schema;
    const problems = schema ? checkFormData(schema, args.start.input) : [];
    if (problems.length > 0) {
      throw ApplicationFailure.nonRetryable(
        `the kickoff input does not fit the SOP: ${problems.join('; ')}`,
        'InvalidInput',
      );
    }
    driver = new ProjectDriver(compiled);
    take(driver.start({ ...args.start, startedAt: args.start.startedAt ?? Date.now() }));
  }

  let cancellation: ProjectView['cancellation'];
  const currentView = (): ProjectView => {
    const view = buildProjectView(compiled, driver.snapshot, driver.pending());
    return cancellation ? cancelledView(view, cancellation) : view;
  };
  setHandler(stateQuery, currentView);
  setHandler(
    cancelUpdate,
    (request: CancelRequest) => {
      cancellation = { by: request.actor.user, at: new Date().toISOString(), reason: request.reason.trim() };
      revision++;
      return { status: 'cancelled' as const };
    },
    {
      validator: (request: CancelRequest) =>
        checkCancel(request, driver.snapshot.status === 'active', cancellation !== undefined),
    },
  );

  setHandler(
    actUpdate,
    (request: ActionRequest): ActionResult => {
      const turn = driver.send(toEvent(request));
      take(turn);
      return { accepted: true, status: turn.status, steps: turn.stepsAfter };
    },
    {
      validator: (request: ActionRequest) => {
        checkShape(request);
        if (cancellation)
          reject('PROJECT_ENDED', `the project was cancelled by ${cancellation.by}: ${cancellation.reason}`);
        const rejection = explainSafely(driver, toEvent(request));
        if (rejection) {
          throw ApplicationFailure.create({
            type: ACTION_REJECTED,
            message: rejection.message,
            details: [rejection],
            nonRetryable: true,
          });
        }
      },
    },
  );

  let attributes = '';
  for (;;) {
    // Anything that changes while this iteration awaits activities wakes the next one at once.
    const seen = revision;
    // Fire every timer that is due, in the order it was set.
    for (let timer = driver.pending()[0]; timer && timer.at <= Date.now(); timer = driver.pending()[0]) {
      if (cancellation) break;
      take(driver.fire(timer));
      if (driver.snapshot.status !== 'active') break;
    }
    for (const effect of outbox.splice(0)) deliver(effect);
    const updates = searchAttributeUpdates(compiled, currentView(), args.start);
    const encoded = JSON.stringify(updates);
    if (encoded !== attributes) {
      upsertSearchAttributes(updates);
      attributes = encoded;
    }
    if (driver.snapshot.status !== 'active' || cancellation) {
      await condition(allHandlersFinished);
      if (outbox.length > 0) continue;
      await Promise.all(inflight);
      break;
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await Promise.all(inflight);
      if (outbox.length === 0 && revision === seen) {
        const startedAt = (driver.snapshot.context as { startedAt: number }).startedAt;
        return continueAsNew<typeof sopProject>({
          ...args,
          start: { ...args.start, startedAt },
          resume: driver.persist(),
        });
      }
      continue;
    }
    const next = driver.pending()[0];
    const wait = next ? Math.max(1, next.at - Date.now()) : undefined;
    const changed = () => revision !== seen || outbox.length > 0;
    if (wait === undefined) await condition(changed);
    else await condition(changed, wait);
  }
  if (cancellation) return { status: 'cancelled', reason: cancellation.reason };
  const view = buildProjectView(compiled, driver.snapshot, []);
  const finalStep = view.completedSteps.length > 0 ? driver.persist().value : undefined;
  return {
    status: view.status,
    ...(typeof finalStep === 'string' ? { finalStep } : {}),
    ...(view.outcome !== undefined ? { outcome: view.outcome } : {}),
  };
}
