import type { temporal } from '@temporalio/proto';
import type { Effect, NotifyEffect } from '../../engine/runtime/effects';
import type { ChannelReport } from '../../notifications/channels/channel-delivery';
import { channelsOf } from '../../notifications/channels-of';
import type { DeliveryFailureDetails, DeliveryReport } from '../../notifications/delivery-report';
import type { RunContext } from '../history/run-entries';
import type { ChannelOutcome, NotificationLogEntry } from './notification-log';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Failure = temporal.api.failure.v1.IFailure;
type Int64 = number | string | { toString(): string } | null | undefined;

/** What `describe()` says about a delivery still in progress in the latest run. */
export interface PendingDelivery {
  /** Attempts started so far. */
  readonly attempts: number;
  readonly lastFailure?: Failure | null;
  /** The reports of channels that already delivered (from heartbeat details). */
  readonly delivered: readonly ChannelReport[];
}

/** How the activity of one scheduled delivery went, as later events of the run tell. */
interface Closing {
  attempts?: number;
  lastFailure?: Failure | null;
  completed?: temporal.api.common.v1.IPayloads | null;
  failed?: Failure | null;
}

function toNumber(value: Int64): number {
  return value === null || value === undefined ? 0 : Number(value.toString());
}

function isoTime(event: HistoryEvent): string {
  const time = event.eventTime;
  return new Date(toNumber(time?.seconds) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6)).toISOString();
}

/** Started, completed, failed, timed-out and cancelled events, by the id of the event that scheduled them. */
function collectClosings(events: readonly HistoryEvent[]): Map<string, Closing> {
  const closings = new Map<string, Closing>();
  const of = (id: Int64) => {
    const key = toNumber(id).toString();
    const found = closings.get(key) ?? {};
    closings.set(key, found);
    return found;
  };
  for (const event of events) {
    const started = event.activityTaskStartedEventAttributes;
    if (started)
      Object.assign(of(started.scheduledEventId), {
        attempts: started.attempt ?? 1,
        lastFailure: started.lastFailure,
      });
    const completed = event.activityTaskCompletedEventAttributes;
    if (completed) of(completed.scheduledEventId).completed = completed.result ?? {};
    const failed = event.activityTaskFailedEventAttributes;
    if (failed) of(failed.scheduledEventId).failed = failed.failure ?? { message: 'failed' };
    const timedOut = event.activityTaskTimedOutEventAttributes;
    if (timedOut) of(timedOut.scheduledEventId).failed = timedOut.failure ?? { message: 'timed out' };
    const canceled = event.activityTaskCanceledEventAttributes;
    if (canceled) of(canceled.scheduledEventId).failed = { message: 'the delivery was cancelled' };
  }
  return closings;
}

/** The innermost useful message of a failure (a timeout wraps the last attempt's failure). */
function messageOf(failure: Failure | null | undefined): string | undefined {
  if (!failure) return undefined;
  return failure.message || messageOf(failure.cause) || 'failed';
}

/**
 * The channels a delivery went to, in order: as the worker reported them (its routing is what
 * happened), else as the effect names them, plus any the reports mention besides.
 */
function routedChannels(
  effect: NotifyEffect,
  reported: readonly string[] | undefined,
  seen: readonly ChannelReport[],
) {
  if (reported && reported.length > 0) return reported;
  return [...new Set([...channelsOf(effect), ...seen.map((r) => r.channel)])];
}

/**
 * Per-channel outcomes: what delivered (reports), what failed (details), the rest as `rest`
 * (a completed activity without a per-channel report, from a sink that reports none, counts as
 * delivered everywhere).
 */
function channelOutcomes(
  routed: readonly string[],
  delivered: readonly ChannelReport[],
  failed: DeliveryFailureDetails['failed'],
  rest: ChannelOutcome['outcome'],
): ChannelOutcome[] {
  return routed.map((channel): ChannelOutcome => {
    const report = delivered.find((r) => r.channel === channel);
    if (report)
      return {
        channel,
        outcome: report.outcome,
        recipients: report.recipients,
        ...(report.detail !== undefined ? { detail: report.detail } : {}),
      };
    const failure = failed.find((f) => f.channel === channel);
    return { channel, outcome: rest, ...(failure ? { detail: failure.message } : {}) };
  });
}

/**
 * The notifications of one run, oldest first: every `deliverEffect` activity with a `notify`
 * effect, joined with how it went (attempts from `ActivityTaskStarted`, the report from
 * `ActivityTaskCompleted`, the failure and its per-channel details from `ActivityTaskFailed`).
 * Deliveries still in progress take attempts and progress from `pending` (the latest run's
 * `describe()`), keyed by activity id.
 *
 * @example
 * const entries = await runNotifications(events, run, new Map());
 * entries.map((e) => `${e.notification}: ${e.outcome} after ${e.attempts}`);
 */
export async function runNotifications(
  events: readonly HistoryEvent[],
  run: RunContext,
  pending: ReadonlyMap<string, PendingDelivery>,
): Promise<NotificationLogEntry[]> {
  const closings = collectClosings(events);
  const entries: NotificationLogEntry[] = [];
  for (const event of events) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (!scheduled || scheduled.activityType?.name !== 'deliverEffect') continue;
    const context = {
      type: 'activity' as const,
      namespace: run.namespace,
      workflowId: run.workflowId,
      ...(scheduled.activityId ? { activityId: scheduled.activityId } : {}),
      isLocal: false,
    };
    const [effect] = (await run.decode(scheduled.input?.payloads, context)) as [Effect | undefined];
    if (effect?.kind !== 'notify') continue;
    const closing = closings.get(toNumber(event.eventId).toString()) ?? {};
    const decodeDetails = async (failure: Failure | null | undefined) => {
      const [details] = await run.decode(failure?.applicationFailureInfo?.details?.payloads, context);
      return (details ?? {}) as Partial<DeliveryFailureDetails>;
    };
    const base = {
      notification: effect.id,
      at: isoTime(event),
      reason: effect.reason,
      step: effect.step,
      ...(effect.task !== undefined ? { task: effect.task } : {}),
      ...(effect.rung !== undefined ? { rung: effect.rung } : {}),
      recipients: effect.to,
      message: effect.message,
      runId: run.runId,
    };
    let entry: NotificationLogEntry;
    if (closing.completed) {
      const [report] = (await run.decode(closing.completed.payloads, context)) as [
        DeliveryReport | undefined,
      ];
      const lastFailure = messageOf(closing.lastFailure);
      entry = {
        ...base,
        channels: channelOutcomes(
          routedChannels(
            effect,
            report?.channels.map((c) => c.channel),
            [],
          ),
          report?.channels ?? [],
          [],
          'delivered',
        ),
        attempts: closing.attempts ?? 1,
        ...(lastFailure ? { lastFailure } : {}),
        outcome: 'delivered',
      };
    } else if (closing.failed) {
      const details = await decodeDetails(closing.failed);
      entry = {
        ...base,
        channels: channelOutcomes(
          routedChannels(effect, details.channels, details.delivered ?? []),
          details.delivered ?? [],
          details.failed ?? [],
          'failed',
        ),
        attempts: closing.attempts ?? 1,
        lastFailure: messageOf(closing.failed) ?? 'failed',
        outcome: 'failed',
      };
    } else {
      const inProgress = pending.get(scheduled.activityId ?? '');
      const details = await decodeDetails(inProgress?.lastFailure);
      const lastFailure = messageOf(inProgress?.lastFailure);
      entry = {
        ...base,
        channels: channelOutcomes(
          routedChannels(effect, details.channels, inProgress?.delivered ?? []),
          inProgress?.delivered ?? [],
          details.failed ?? [],
          'pending',
        ),
        attempts: inProgress?.attempts ?? 0,
        ...(lastFailure ? { lastFailure } : {}),
        outcome: 'pending',
      };
    }
    entries.push(entry);
  }
  return entries;
}
