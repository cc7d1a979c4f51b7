/**
 * The audit trail of a project: what happened, who did it, why, and what it changed, in words an
 * auditor reads without knowing Temporal or XState, each entry sealed into a hash chain.
 *
 * Glossary:
 * - **trail**: the ordered list of a project's audit entries, numbered from 1 (`seq`).
 * - **entry**: one thing that happened: a human action, something the engine did on its own
 *   (a deadline fired, a notification went out), or an access the API refused.
 * - **actor**: who did it; the engine itself is the user `@system`.
 * - **chain**: each entry carries the hash of the one before it (`prevHash`) and its own `hash`
 *   over its content, so changing, removing, reordering or inserting an entry shows.
 * - **archive**: the trail of a closed project kept by an `AuditStore`, because Temporal deletes
 *   closed histories after their retention period.
 */

/**
 * Who did it. `onBehalfOf` is set when someone acted for another person (a delegate, an assistant).
 *
 * @example
 * const actor: AuditActor = { user: 'an.qi', onBehalfOf: 'li.na' };
 */
export interface AuditActor {
  readonly user: string;
  readonly onBehalfOf?: string;
  /** The system account (an integration such as the OA) that relayed the action for `user`. */
  readonly via?: string;
}

/**
 * The actor as entries record it: only the members that are set, so equal actors hash equally.
 *
 * @example
 * auditActor({ user: 'he.yun', via: 'oa-bridge' }); // => { user: 'he.yun', via: 'oa-bridge' }
 */
export function auditActor(actor: AuditActor): AuditActor {
  return {
    user: actor.user,
    ...(actor.onBehalfOf ? { onBehalfOf: actor.onBehalfOf } : {}),
    ...(actor.via ? { via: actor.via } : {}),
  };
}

/**
 * The user id of the engine itself: timers, notifications, records and the project's end.
 *
 * @example
 * entry.actor.user === SYSTEM_USER; // true for timers, notifications and the project's end
 */
export const SYSTEM_USER = '@system';

/**
 * Where an entry comes from: an event of the project's Temporal history, or the API itself.
 *
 * @example
 * const source: AuditSource = { kind: 'temporal', runId: '5f0c…', eventId: 226 };
 */
export type AuditSource =
  { readonly kind: 'temporal'; readonly runId?: string; readonly eventId: number } | { readonly kind: 'api' };

/**
 * A small JSON object: what a value was before an entry and what it became.
 *
 * @example
 * const before: AuditState = { status: 'in_progress' };
 */
export type AuditState = Readonly<Record<string, unknown>>;

/**
 * The stable verbs an entry's `action` takes. Human actions the trail does not know yet appear
 * as `action.<type>`, engine records as `record.<what>`, so a new engine feature never breaks
 * the trail; these names are public: never rename them once shipped.
 *
 * @example
 * const escalations = trail.filter((e) => e.action === 'escalation');
 */
export type AuditAction =
  | 'project.kickoff'
  | 'project.cancel'
  | 'project.continued'
  | 'project.completed'
  | 'project.cancelled'
  | 'project.failed'
  | 'project.terminated'
  | 'project.timed-out'
  | 'form.submit'
  | 'approval.approve'
  | 'approval.reject'
  | 'approval.sendBack'
  | 'approval.withdraw'
  | 'approval.transfer'
  | 'approval.addApprover'
  | 'approval.cc'
  | 'approval.urge'
  | 'approval.recorded'
  | 'task.add'
  | 'task.update'
  | 'task.needsHelp'
  | 'task.cancel'
  | 'task.acknowledge'
  | 'task.acknowledged'
  | 'task.clock-paused'
  | 'task.clock-resumed'
  | 'report.submit'
  | 'deadline.fired'
  | 'deadline.missed'
  | 'notification.sent'
  | 'escalation'
  | 'escalation.reassign'
  | 'escalation.auto-action'
  | 'escalation.to-step'
  | 'escalation.cancel'
  | 'access.denied'
  | `action.${string}`
  | `record.${string}`;

/**
 * One entry of a project's audit trail.
 *
 * Optional fields are absent rather than empty (never `''`), so every export format, CSV
 * included, reads back to the very same object and the same hash.
 *
 * @example
 * const entry: AuditEntry = {
 *   seq: 12,
 *   at: '2026-12-06T08:48:00.792Z',
 *   actor: { user: 'sun.peng' },
 *   action: 'task.update',
 *   summary: "sun.peng set task t1 'Landing page' from in_progress to done",
 *   step: 'progress',
 *   task: 't1',
 *   before: { status: 'in_progress' },
 *   after: { status: 'done' },
 *   source: { kind: 'temporal', runId: '5f0c…', eventId: 226 },
 *   prevHash: '9b1d…',
 *   hash: '3fa8…',
 * };
 */
export interface AuditEntry {
  /** Position in the trail, from 1. */
  readonly seq: number;
  /** When it happened, ISO 8601. */
  readonly at: string;
  readonly actor: AuditActor;
  readonly action: AuditAction;
  /** One plain sentence saying what happened. */
  readonly summary: string;
  readonly step?: string;
  readonly task?: string;
  /** Why: the reason or comment the actor gave, or why the API refused. */
  readonly reason?: string;
  readonly before?: AuditState;
  readonly after?: AuditState;
  readonly source: AuditSource;
  /** The previous entry's `hash`; 64 zeros for the first entry. */
  readonly prevHash: string;
  /** sha256 (hex) of the canonical JSON of this entry without `hash`. */
  readonly hash: string;
}

/**
 * An entry before it is numbered and chained, as the trail builder makes it.
 *
 * @example
 * const draft: UnchainedAuditEntry = {
 *   at: '2026-12-01T08:00:00.000Z',
 *   actor: { user: SYSTEM_USER },
 *   action: 'deadline.fired',
 *   summary: 'A scheduled deadline, reminder or recurring check came due (timer 3).',
 *   source: { kind: 'temporal', eventId: 56 },
 * };
 */
export type UnchainedAuditEntry = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;
