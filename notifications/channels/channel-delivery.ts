import type { NotifyEffect } from '../../engine/runtime/effects';
import type { OutboundPolicy } from '../config/channel-config';
import type { ResolveHost } from '../security/outbound-url';

/** A person a notification is for, looked up in the org directory. */
export interface Recipient {
  readonly id: string;
  /** The display name (`李娜`); the id when the directory does not know the person. */
  readonly name: string;
  readonly email?: string;
}

/** One notification on its way through one channel. */
export interface ChannelDelivery {
  /** The channel id (`ops-feishu`). */
  readonly channel: string;
  readonly projectId: string;
  /** `<workflow id>:<effect id>:<channel>`: the same on every attempt, for receivers to dedupe. */
  readonly idempotencyKey: string;
  readonly notification: NotifyEffect;
  /** The notification's recipients (`to`), in order. */
  readonly recipients: readonly Recipient[];
  /** The SOP id, when known. */
  readonly sop?: string;
}

/** What channels need from the process around them. */
export interface ChannelEnvironment {
  readonly policy: OutboundPolicy;
  /** DNS resolution (the system resolver unless a test replaces it). */
  readonly resolve?: ResolveHost;
  /** Wall-clock time in epoch milliseconds, for signature timestamps. */
  readonly now: () => number;
  /** Where the log channel writes its lines, each ending with a newline (stdout). */
  readonly writeLine: (line: string) => void;
}

/** The outcome of one delivery; a failed delivery throws instead. */
export interface ChannelReport {
  readonly channel: string;
  /** User ids the channel reached (for email: those with an address). */
  readonly recipients: readonly string[];
  readonly outcome: 'delivered' | 'skipped';
  /** Why skipped, or who was left out. */
  readonly detail?: string;
}

/** A channel implementation: delivers one notification or throws (so the activity retries). */
export type DeliverToChannel<Settings> = (
  settings: Settings,
  delivery: ChannelDelivery,
  env: ChannelEnvironment,
) => Promise<ChannelReport>;
