import { Context } from '@temporalio/activity';
import type { Effect } from '../../engine/runtime/effects';
import type { ChannelReport } from '../../notifications/channels/channel-delivery';
import { writeEffectLine } from '../../notifications/channels/log-channel';
import type { DeliveryProgress, DeliveryReport } from '../../notifications/delivery-report';

export type { DeliveryProgress, DeliveryReport } from '../../notifications/delivery-report';

/**
 * Where effects go. `progress` (when the sink uses it) says which channels delivered in earlier
 * attempts and records new successes; a sink may return a {@link DeliveryReport}. The worker's
 * sink is `createNotificationSink` (notifications/); tests pass recording sinks.
 */
export interface EffectSink {
  deliver(
    projectId: string,
    idempotencyKey: string,
    effect: Effect,
    progress?: DeliveryProgress,
  ): Promise<DeliveryReport | void>;
}

/** Writes each effect as one JSON line on stdout: the `log` channel alone. */
export const consoleSink: EffectSink = {
  deliver(projectId, idempotencyKey, effect) {
    writeEffectLine((line) => process.stdout.write(line), projectId, `${idempotencyKey}:log`, effect);
    const recipients = effect.kind === 'notify' ? effect.to : [];
    const channels: ChannelReport[] = [{ channel: 'log', recipients, outcome: 'delivered' }];
    return Promise.resolve(
      effect.kind === 'notify' ? { notification: effect.id, channels } : { record: effect.id, channels },
    );
  },
};

/** The heartbeat details of a delivery: the channels that delivered so far, over all attempts. */
interface DeliveredSoFar {
  readonly delivered: readonly ChannelReport[];
}

/** The reports an earlier attempt left in its heartbeat details (anything else is ignored). */
function readEarlierReports(details: unknown): ChannelReport[] {
  const delivered = (details as Partial<DeliveredSoFar> | undefined)?.delivered;
  if (!Array.isArray(delivered)) return [];
  return delivered.filter(
    (r): r is ChannelReport =>
      typeof r === 'object' && r !== null && typeof (r as ChannelReport).channel === 'string',
  );
}

/**
 * Progress kept in the activity's heartbeat details. A heartbeat is recorded after every channel
 * that delivers, and Temporal hands the last details to the next attempt of the same activity
 * (also when the attempt failed: the SDK sends them with the failure), so a retry only repeats
 * the channels that failed. Should the worker die between a delivery and its heartbeat, the
 * channel is sent again under the same idempotency key, which receivers dedupe on.
 */
function trackProgress(context: Context): DeliveryProgress {
  const done = readEarlierReports(context.info.heartbeatDetails);
  const earlier = [...done];
  return {
    done: earlier,
    record(report) {
      done.push(report);
      const details: DeliveredSoFar = { delivered: [...done] };
      context.heartbeat(details);
    },
  };
}

/**
 * Builds the activities of the project workflow around an effect sink. Every effect carries an
 * idempotency key (`<workflow id>:<effect id>`, and `<key>:<channel>` per channel), stable across
 * retries and replays, so a receiver that dedupes never sees one twice. The returned report is
 * kept in history as the activity's result; `GET /projects/:id/notifications` reads it back.
 */
export function createActivities(sink: EffectSink = consoleSink) {
  return {
    async deliverEffect(effect: Effect): Promise<DeliveryReport> {
      const context = Context.current();
      const projectId = context.info.workflowExecution?.workflowId ?? 'unknown-project';
      const progress = trackProgress(context);
      const report = await sink.deliver(projectId, `${projectId}:${effect.id}`, effect, progress);
      if (report) return report;
      // A sink that reports nothing (test sinks): no channel to tell about.
      return effect.kind === 'notify'
        ? { notification: effect.id, channels: [] }
        : { record: effect.id, channels: [] };
    },
  };
}

/**
 * The activities as the workflow sees them. The workflow starts deliveries and does not use
 * their reports (they are read back from history), so its view returns `void`; this keeps the
 * workflow's `Promise<void>` bookkeeping of in-flight deliveries as it is.
 */
export interface ProjectActivities {
  deliverEffect(effect: Effect): Promise<void>;
}
