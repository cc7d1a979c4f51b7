/**
 * One notification as `GET /projects/:id/notifications` lists it: what was sent, to whom,
 * through which channels with which outcome, how many attempts it took and how it ended.
 */
export interface NotificationLogEntry {
  /** The notification (effect) id, unique within the project. */
  readonly notification: string;
  /** When the delivery was handed to Temporal (ISO 8601). */
  readonly at: string;
  readonly reason: string;
  readonly step: string;
  readonly task?: string;
  readonly rung?: number;
  /** User ids it was addressed to. */
  readonly recipients: readonly string[];
  readonly message: string;
  readonly channels: readonly ChannelOutcome[];
  /** Attempts started so far (Temporal's activity attempt count). */
  readonly attempts: number;
  /** Why the latest failed attempt failed, if any attempt failed. */
  readonly lastFailure?: string;
  /** delivered: every channel delivered or skipped; failed: given up; pending: still being tried. */
  readonly outcome: 'delivered' | 'failed' | 'pending';
  /** The run (continue-as-new) it belongs to. */
  readonly runId: string;
}

/** How one channel did. */
export interface ChannelOutcome {
  readonly channel: string;
  readonly outcome: 'delivered' | 'skipped' | 'failed' | 'pending';
  /** User ids the channel reached (known once it delivered). */
  readonly recipients?: readonly string[];
  readonly detail?: string;
}

/** The whole delivery log of a project, oldest first. */
export interface NotificationLog {
  readonly id: string;
  /** How many runs (continue-as-new) the log spans. */
  readonly runs: number;
  readonly notifications: readonly NotificationLogEntry[];
}
