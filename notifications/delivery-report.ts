import type { ChannelReport } from './channels/channel-delivery';

/**
 * What the `deliverEffect` activity returns, so it lands in Temporal history (the delivery log
 * reads it back): per channel, who was reached and whether it was delivered or skipped.
 */
export type DeliveryReport =
  | { readonly notification: string; readonly channels: readonly ChannelReport[] }
  | { readonly record: string; readonly channels: readonly ChannelReport[] };

/**
 * How a delivery remembers, across the retries of one activity, which channels already
 * delivered: `done` holds what earlier attempts reported, `record` is called after each channel
 * delivers (the activity turns it into a heartbeat).
 */
export interface DeliveryProgress {
  readonly done: readonly ChannelReport[];
  record(report: ChannelReport): void;
}

/** The details of a failed attempt (`ApplicationFailure.details[0]`): what got through, what did not. */
export interface DeliveryFailureDetails {
  /** The channels the notification was routed to, in order. */
  readonly channels: readonly string[];
  readonly delivered: readonly ChannelReport[];
  readonly failed: readonly { readonly channel: string; readonly message: string }[];
}
