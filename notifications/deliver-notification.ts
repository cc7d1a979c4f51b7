import { ApplicationFailure } from '@temporalio/activity';
import type { OrgDirectory } from '../engine/model/org';
import type { NotifyEffect } from '../engine/runtime/effects';
import type { ChannelEnvironment, ChannelReport } from './channels/channel-delivery';
import { deliverToChannel } from './channels/deliver-to-channel';
import { channelsOf } from './channels-of';
import type { ChannelConfig } from './config/channel-config';
import type { DeliveryFailureDetails, DeliveryProgress, DeliveryReport } from './delivery-report';
import { lookUpRecipients } from './recipients';

/** What routing a notification needs. */
export interface NotificationRouting {
  readonly config: ChannelConfig;
  readonly org?: OrgDirectory;
  readonly env: ChannelEnvironment;
}

/** The failure type when some channel failed; the activity retries it. */
export const DELIVERY_FAILED = 'DeliveryFailed';

interface Failure {
  readonly channel: string;
  readonly error: unknown;
}

/**
 * Sends one notification to each of its channels, side by side. A channel that already
 * delivered in an earlier attempt (`progress.done`) is not sent again; each success is recorded
 * through `progress` at once, so a retry after a partial failure only repeats the channels that
 * failed. When any channel fails this throws an `ApplicationFailure` naming every failed channel
 * and why: non-retryable only when every failure is (a refused URL), retryable otherwise.
 *
 * @example
 * const report = await deliverNotification(routing, 'project-1', 'project-1:req:assigned:1', effect, progress);
 * report.channels.map((c) => `${c.channel}: ${c.outcome}`); // ['ops-feishu: delivered', 'log: delivered']
 */
export async function deliverNotification(
  routing: NotificationRouting,
  projectId: string,
  idempotencyKey: string,
  effect: NotifyEffect,
  progress?: DeliveryProgress,
): Promise<DeliveryReport> {
  const recipients = lookUpRecipients(routing.org, effect.to);
  const sop = (effect as NotifyEffect & { readonly sop?: string }).sop;
  const channels = channelsOf(effect);
  const failures: Failure[] = [];
  const reports = await Promise.all(
    channels.map(async (channel): Promise<ChannelReport | undefined> => {
      const earlier = progress?.done.find((r) => r.channel === channel);
      if (earlier) return earlier;
      try {
        const settings = routing.config.channels.get(channel);
        if (!settings) throw unknownChannel(channel, routing.config);
        const report = await deliverToChannel(
          settings,
          {
            channel,
            projectId,
            idempotencyKey: `${idempotencyKey}:${channel}`,
            notification: effect,
            recipients,
            ...(sop !== undefined ? { sop } : {}),
          },
          routing.env,
        );
        progress?.record(report);
        return report;
      } catch (error) {
        failures.push({ channel, error });
        return undefined;
      }
    }),
  );
  const delivered = reports.filter((r): r is ChannelReport => r !== undefined);
  if (failures.length > 0) {
    // Channels fail in whatever order their answers arrive; report them in routing order.
    failures.sort((a, b) => channels.indexOf(a.channel) - channels.indexOf(b.channel));
    throw deliveryFailure(effect, channels, delivered, failures);
  }
  return { notification: effect.id, channels: delivered };
}

/**
 * Retryable: the channel may be added to channels.yaml and the worker restarted while the
 * delivery is still being retried (hours, by default).
 */
function unknownChannel(channel: string, config: ChannelConfig): Error {
  const known = [...config.channels.keys()].join(', ');
  return new Error(
    `[CHANNEL_UNKNOWN] the SOP routes this notification to '${channel}', which ${config.file ?? 'the channel configuration'} does not define (defined: ${known})`,
  );
}

/**
 * The failure of an attempt. Its details (kept in history with the failure) say which channels
 * delivered and why the others failed, so the delivery log can show it per channel.
 */
function deliveryFailure(
  effect: NotifyEffect,
  channels: readonly string[],
  delivered: readonly ChannelReport[],
  failures: readonly Failure[],
): ApplicationFailure {
  const failed = failures.map(({ channel, error }) => ({
    channel,
    message: error instanceof Error ? error.message : String(error),
  }));
  const reasons = failed.map((f) => `'${f.channel}': ${f.message}`).join('; ');
  const message = `notification ${effect.id} failed on ${failed.length} of ${channels.length} channel(s): ${reasons}`;
  const details: DeliveryFailureDetails = { channels, delivered, failed };
  const refused = failures.every((f) => f.error instanceof ApplicationFailure && f.error.nonRetryable);
  if (!refused) return ApplicationFailure.retryable(message, DELIVERY_FAILED, details);
  const types = new Set(failures.map((f) => (f.error as ApplicationFailure).type));
  return ApplicationFailure.nonRetryable(
    message,
    types.size === 1 ? [...types][0] : DELIVERY_FAILED,
    details,
  );
}
