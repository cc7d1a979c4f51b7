import type { temporal } from '@temporalio/proto';
import type { Effect } from '../../engine/runtime/effects';
import {
  cancelUpdate,
  type ActionRequest,
  type ActionResult,
  type CancelRequest,
  type ProjectArgs,
} from '../../workflows/messages';
import type { PayloadDecoder } from './decode-payloads';
import type { ActionEntry, HistoryEntry } from './history-entry';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** A protobuf int64 as the client decodes it: a Long, or a number after JSON round trips. */
type Int64 = number | string | { toString(): string } | null | undefined;

/** The run a list of events belongs to, and how to read its payloads. */
export interface RunContext {
  readonly namespace: string;
  readonly workflowId: string;
  readonly runId: string;
  readonly decode: PayloadDecoder;
}

function toNumber(value: Int64): number {
  return value === null || value === undefined ? 0 : Number(value.toString());
}

function isoTime(event: HistoryEvent): string {
  const time = event.eventTime;
  return new Date(toNumber(time?.seconds) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6)).toISOString();
}

/** What later events of the run say about earlier ones: update results, delivered activities. */
interface Followups {
  readonly updateResults: Map<string, ActionResult | undefined>;
  readonly completedActivities: Set<string>;
}

async function collectFollowups(events: readonly HistoryEvent[], run: RunContext): Promise<Followups> {
  const updateResults = new Map<string, ActionResult | undefined>();
  const completedActivities = new Set<string>();
  const context = { type: 'workflow' as const, namespace: run.namespace, workflowId: run.workflowId };
  for (const event of events) {
    const completed = event.workflowExecutionUpdateCompletedEventAttributes;
    if (completed) {
      const [result] = await run.decode(completed.outcome?.success?.payloads, context);
      // Paired by update id: this server leaves acceptedEventId unset on the completion event.
      const key = completed.meta?.updateId ?? toNumber(completed.acceptedEventId).toString();
      updateResults.set(key, result as ActionResult | undefined);
    }
    const activity = event.activityTaskCompletedEventAttributes;
    if (activity) completedActivities.add(toNumber(activity.scheduledEventId).toString());
  }
  return { updateResults, completedActivities };
}

function actionEntry(
  base: { at: string; event: number },
  action: ActionRequest,
  updateId: string,
  result?: ActionResult,
): ActionEntry {
  return {
    kind: 'action',
    ...base,
    type: action.type,
    actor: action.actor,
    ...(action.data !== undefined ? { data: action.data } : {}),
    ...(action.task !== undefined ? { task: action.task } : {}),
    ...(action.status !== undefined ? { status: action.status } : {}),
    ...(action.comment !== undefined ? { comment: action.comment } : {}),
    ...(action.reason !== undefined ? { reason: action.reason } : {}),
    updateId,
    ...(result ? { result: { status: result.status, steps: result.steps ?? [] } } : {}),
  };
}

function effectEntry(base: { at: string; event: number }, effect: Effect, delivered: boolean): HistoryEntry {
  const where = { step: effect.step, ...(effect.task !== undefined ? { task: effect.task } : {}) };
  if (effect.kind === 'record') {
    return { kind: 'record', ...base, record: effect.id, what: effect.what, detail: effect.detail, ...where };
  }
  return {
    kind: 'notification',
    ...base,
    notification: effect.id,
    reason: effect.reason,
    ...where,
    recipients: effect.to,
    message: effect.message,
    ...(effect.rung !== undefined ? { rung: effect.rung } : {}),
    delivered,
  };
}

/** One event as a business entry, or `undefined` for Temporal's own bookkeeping. */
async function entryOf(
  event: HistoryEvent,
  run: RunContext,
  followups: Followups,
): Promise<HistoryEntry | undefined> {
  const base = { at: isoTime(event), event: toNumber(event.eventId) };
  const context = { type: 'workflow' as const, namespace: run.namespace, workflowId: run.workflowId };
  const started = event.workflowExecutionStartedEventAttributes;
  if (started) {
    const [args] = (await run.decode(started.input?.payloads, context)) as [ProjectArgs | undefined];
    // A run that continues an earlier one is not a kickoff: the earlier run's entry said so.
    if (!args || args.resume) return undefined;
    const { compiled } = args;
    return {
      kind: 'kickoff',
      ...base,
      runId: run.runId,
      sop: { id: compiled.sopId, version: compiled.version, hash: compiled.hash, title: compiled.title },
      input: args.start.input,
      participants: args.start.people,
    };
  }
  const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
  if (accepted) {
    const request = accepted.acceptedRequest;
    const [decoded] = (await run.decode(request?.input?.args?.payloads, context)) as [
      ActionRequest | CancelRequest | undefined,
    ];
    if (!decoded) return undefined;
    const updateId = request?.meta?.updateId ?? '';
    // The `cancel` update carries no type: it is listed as the action `cancel` with its reason.
    const action: ActionRequest =
      request?.input?.name === cancelUpdate.name
        ? { type: 'cancel', ...decoded }
        : (decoded as ActionRequest);
    const result =
      followups.updateResults.get(updateId) ?? followups.updateResults.get(base.event.toString());
    return actionEntry(base, action, updateId, result);
  }
  const timer = event.timerFiredEventAttributes;
  if (timer) return { kind: 'timer', ...base, timer: timer.timerId ?? '' };
  const scheduled = event.activityTaskScheduledEventAttributes;
  if (scheduled && scheduled.activityType?.name === 'deliverEffect') {
    const activityContext = {
      type: 'activity' as const,
      namespace: run.namespace,
      workflowId: run.workflowId,
      ...(scheduled.activityId ? { activityId: scheduled.activityId } : {}),
      isLocal: false,
    };
    const [effect] = (await run.decode(scheduled.input?.payloads, activityContext)) as [Effect | undefined];
    return effect
      ? effectEntry(base, effect, followups.completedActivities.has(base.event.toString()))
      : undefined;
  }
  return closingEntryOf(event, base, run);
}

async function closingEntryOf(
  event: HistoryEvent,
  base: { at: string; event: number },
  run: RunContext,
): Promise<HistoryEntry | undefined> {
  const context = { type: 'workflow' as const, namespace: run.namespace, workflowId: run.workflowId };
  const continued = event.workflowExecutionContinuedAsNewEventAttributes;
  if (continued) return { kind: 'continued-as-new', ...base, nextRunId: continued.newExecutionRunId ?? '' };
  const completed = event.workflowExecutionCompletedEventAttributes;
  if (completed) {
    const [outcome] = await run.decode(completed.result?.payloads, context);
    return { kind: 'completed', ...base, outcome: outcome ?? null };
  }
  const failed = event.workflowExecutionFailedEventAttributes;
  if (failed) return { kind: 'ended', ...base, how: 'failed', reason: failed.failure?.message ?? 'failed' };
  const terminated = event.workflowExecutionTerminatedEventAttributes;
  if (terminated) return { kind: 'ended', ...base, how: 'terminated', reason: terminated.reason ?? '' };
  if (event.workflowExecutionCanceledEventAttributes)
    return { kind: 'ended', ...base, how: 'cancelled', reason: 'the workflow was cancelled' };
  if (event.workflowExecutionTimedOutEventAttributes)
    return {
      kind: 'ended',
      ...base,
      how: 'timed-out',
      reason: 'the workflow ran past its execution timeout',
    };
  return undefined;
}

/**
 * The business entries of one run's events, in history order: kickoff, accepted actions (with
 * what they led to), fired timers, effects handed to activities (and whether delivered),
 * continue-as-new and the end.
 *
 * @example
 * const entries = await runEntries((await handle.fetchHistory()).events ?? [], run);
 * entries.filter((e) => e.kind === 'action').map((e) => e.actor.user);
 */
export async function runEntries(events: readonly HistoryEvent[], run: RunContext): Promise<HistoryEntry[]> {
  const followups = await collectFollowups(events, run);
  const entries: HistoryEntry[] = [];
  for (const event of events) {
    const entry = await entryOf(event, run, followups);
    if (entry) entries.push(entry);
  }
  return entries;
}
