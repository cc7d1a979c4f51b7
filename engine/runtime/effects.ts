/**
 * Side effects the machine asks the runtime to carry out. They leave `transition` as actions of
 * type `sop.effect`; the simulator prints them, the workflow turns them into activities. Each has
 * an id unique within its project, stable across replays, usable as an idempotency key.
 */
export type EffectReason =
  | 'assigned'
  | 'reminder'
  | 'check-in'
  | 'escalation'
  | 'needs-help'
  | 'recurring'
  | 'missed-report'
  | 'ack-overdue'
  | 'step'
  | 'task-assigned'
  | 'cc'
  | 'urge';

/** Tell people something. */
export interface NotifyEffect {
  readonly kind: 'notify';
  readonly id: string;
  readonly at: number;
  readonly reason: EffectReason;
  readonly step: string;
  readonly task?: string;
  /** The SOP refs it was addressed to, as written. */
  readonly refs: readonly string[];
  /** Resolved user ids, deduplicated, in order. */
  readonly to: readonly string[];
  readonly message: string;
  /** For escalations: which rung (0-based). */
  readonly rung?: number;
  /** For recurring obligations: its id. */
  readonly recurring?: string;
  /** Channel ids to deliver through (the SOP's routing; `log` when it names none). */
  readonly channels: readonly string[];
}

/** Record something that happened without telling anyone (deadline passed, reassigned, …). */
export interface RecordEffect {
  readonly kind: 'record';
  readonly id: string;
  readonly at: number;
  readonly step: string;
  readonly task?: string;
  readonly what:
    | 'overdue'
    | 'reassigned'
    | 'auto-action'
    | 'escalated-to-step'
    | 'cancelled'
    | 'clock-paused'
    | 'clock-resumed'
    | 'acknowledged'
    | 'approval';
  readonly detail: string;
}

export type Effect = NotifyEffect | RecordEffect;

/** The action type under which effects leave the machine. */
export const EFFECT_ACTION = 'sop.effect';
