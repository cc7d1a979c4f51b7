/**
 * One business event of a project, as `GET /projects/:id/history` lists them, oldest first.
 * `at` is when Temporal recorded it (ISO 8601); `event` is the Temporal event id within its run,
 * for cross-checking in Temporal's own UI.
 */
export type HistoryEntry =
  | KickoffEntry
  | ActionEntry
  | TimerEntry
  | NotificationEntry
  | RecordEntry
  | ContinuedEntry
  | CompletedEntry
  | EndedEntry;

interface Base {
  readonly at: string;
  readonly event: number;
}

/** The project started: its input and the SOP definition it is pinned to. */
export interface KickoffEntry extends Base {
  readonly kind: 'kickoff';
  readonly runId: string;
  readonly sop: {
    readonly id: string;
    readonly version: string;
    readonly hash: string;
    readonly title: string;
  };
  readonly input: unknown;
  /** Participant name → user ids, resolved at kickoff. */
  readonly participants: Readonly<Record<string, readonly string[]>>;
}

/** An accepted human action (refused ones never enter history). */
export interface ActionEntry extends Base {
  readonly kind: 'action';
  readonly type: string;
  /** `via`: the integration account that relayed the action for `user`. */
  readonly actor: { readonly user: string; readonly onBehalfOf?: string; readonly via?: string };
  readonly data?: unknown;
  readonly task?: string;
  readonly status?: string;
  readonly comment?: string;
  readonly reason?: string;
  readonly updateId: string;
  /** What the action led to: project status and the steps active afterwards. */
  readonly result?: { readonly status: string; readonly steps: readonly string[] };
}

/** A durable timer fired: a deadline, reminder or recurring obligation came due. */
export interface TimerEntry extends Base {
  readonly kind: 'timer';
  readonly timer: string;
}

/** A notification handed to the delivery activity. */
export interface NotificationEntry extends Base {
  readonly kind: 'notification';
  readonly notification: string;
  readonly reason: string;
  readonly step: string;
  readonly task?: string;
  readonly recipients: readonly string[];
  readonly message: string;
  readonly rung?: number;
  /** True once the activity completed. */
  readonly delivered: boolean;
}

/** Something recorded without notifying anyone (overdue, reassigned, …). */
export interface RecordEntry extends Base {
  readonly kind: 'record';
  readonly record: string;
  readonly what: string;
  readonly detail: string;
  readonly step: string;
  readonly task?: string;
}

/** The project continued in a new run (history kept small); the list goes on with that run. */
export interface ContinuedEntry extends Base {
  readonly kind: 'continued-as-new';
  readonly nextRunId: string;
}

/** The project reached a final step. */
export interface CompletedEntry extends Base {
  readonly kind: 'completed';
  readonly outcome: unknown;
}

/** The project's workflow ended otherwise (failed, terminated, cancelled, timed out). */
export interface EndedEntry extends Base {
  readonly kind: 'ended';
  readonly how: 'failed' | 'terminated' | 'cancelled' | 'timed-out';
  readonly reason: string;
}
