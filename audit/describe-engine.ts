import type { NotificationEntry, RecordEntry, TimerEntry } from '../api/history/history-entry';
import { SYSTEM_USER, type AuditAction, type UnchainedAuditEntry } from './audit-entry';
import { findTask, type TrailState } from './trail-state';
import { listPeople, quote, stepName, taskName } from './wording';

const ENGINE = { user: SYSTEM_USER } as const;

function sourceOf(state: TrailState, event: number): UnchainedAuditEntry['source'] {
  return { kind: 'temporal', ...(state.runId ? { runId: state.runId } : {}), eventId: event };
}

/** "step 'x'" or "task t1 'title' of step 'x'": what an engine entry is about. */
function subject(state: TrailState, step: string, task: string | undefined): string {
  if (task === undefined) return stepName(step);
  const known = state.tasks.find((t) => t.step === step && t.id === task) ?? findTask(state, task);
  return `${taskName(task, known?.name)} of ${stepName(step)}`;
}

/**
 * A durable timer that fired. Its id is Temporal's; what it was for shows in the entries that
 * follow it (a reminder, an escalation, a missed deadline), which are audit entries of their own.
 *
 * @example
 * describeTimer(timer, state).summary;
 * // => 'A scheduled deadline, reminder or recurring check came due (timer 3); the entries that follow show what it caused.'
 */
export function describeTimer(entry: TimerEntry, state: TrailState): UnchainedAuditEntry {
  return {
    at: entry.at,
    actor: ENGINE,
    action: 'deadline.fired',
    summary: `A scheduled deadline, reminder or recurring check came due (timer ${entry.timer}); the entries that follow show what it caused.`,
    source: sourceOf(state, entry.event),
  };
}

/** What a notification was about, by the engine's reason for sending it. */
function notificationPurpose(entry: NotificationEntry, about: string, to: string): string {
  switch (entry.reason) {
    case 'assigned':
    case 'task-assigned':
      return `told ${to} that ${about} is assigned to them`;
    case 'reminder':
      return `reminded ${to} about ${about}`;
    case 'check-in':
      return `asked ${to} for a status update on ${about}`;
    case 'escalation':
      return `escalated ${about} (level ${(entry.rung ?? 0) + 1}) to ${to}`;
    case 'needs-help':
      return `asked ${to} to help with ${about}`;
    case 'recurring':
      return `sent the recurring report of ${about} to ${to}`;
    case 'missed-report':
      return `told ${to} that a recurring report of ${about} was missed`;
    case 'ack-overdue':
      return `told ${to} that ${about} was not acknowledged in time`;
    case 'step':
      return `sent the notice of ${about} to ${to}`;
    case 'cc':
      return `sent ${to} a copy of the decision on ${about}`;
    case 'urge':
      return `urged ${to} to act on ${about}`;
    default:
      return `notified ${to} about ${about} (${entry.reason})`;
  }
}

/**
 * A notification the engine handed to delivery: who was told what, and why. Escalations get
 * their own verb because auditors look for them.
 *
 * @example
 * describeNotification(reminder, state).summary;
 * // => "The engine reminded sun.peng about step 'acknowledge': “突发问题尚未确认，5 分钟后将升级”."
 */
export function describeNotification(entry: NotificationEntry, state: TrailState): UnchainedAuditEntry {
  const about = subject(state, entry.step, entry.task);
  const purpose = notificationPurpose(entry, about, listPeople(entry.recipients));
  return {
    at: entry.at,
    actor: ENGINE,
    action: entry.reason === 'escalation' ? 'escalation' : 'notification.sent',
    // Whether it was delivered is not part of the entry: delivery finishes later, and an entry
    // must never change once written (GET /projects/:id/notifications has the outcomes).
    summary: `The engine ${purpose}: ${quote(entry.message)}.`,
    step: entry.step,
    ...(entry.task !== undefined ? { task: entry.task } : {}),
    after: {
      notified: entry.recipients,
      message: entry.message,
      ...(entry.rung !== undefined ? { rung: entry.rung } : {}),
    },
    source: sourceOf(state, entry.event),
  };
}

const RECORD_ACTIONS: Readonly<Record<string, AuditAction>> = {
  overdue: 'deadline.missed',
  reassigned: 'escalation.reassign',
  'auto-action': 'escalation.auto-action',
  'escalated-to-step': 'escalation.to-step',
  cancelled: 'escalation.cancel',
  'clock-paused': 'task.clock-paused',
  'clock-resumed': 'task.clock-resumed',
  acknowledged: 'task.acknowledged',
  approval: 'approval.recorded',
};

/** The engine's words for a record, as the middle of the summary. */
function recordWords(entry: RecordEntry, about: string): string {
  switch (entry.what) {
    case 'overdue':
      return `${about} passed its deadline`;
    case 'reassigned':
      return `the escalation ladder reassigned ${about}`;
    case 'auto-action':
      return `the escalation ladder acted on ${about} automatically`;
    case 'escalated-to-step':
      return `the escalation ladder moved the project on from ${about}`;
    case 'cancelled':
      return `the escalation ladder cancelled the project at ${about}`;
    case 'clock-paused':
      return `the deadline clock of ${about} was paused`;
    case 'clock-resumed':
      return `the deadline clock of ${about} resumed`;
    case 'acknowledged':
      return `${about} was acknowledged`;
    default:
      return `the engine recorded '${entry.what}' for ${about}`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Something the engine recorded without notifying anyone: a missed deadline, a reassignment, an
 * automatic action by the escalation ladder.
 *
 * @example
 * describeRecord(overdue, state).summary;
 * // => "Task t1 'Landing page' of step 'progress' passed its deadline: “「Landing page」已逾期”."
 */
export function describeRecord(entry: RecordEntry, state: TrailState): UnchainedAuditEntry {
  const words = recordWords(entry, subject(state, entry.step, entry.task));
  return {
    at: entry.at,
    actor: ENGINE,
    action: RECORD_ACTIONS[entry.what] ?? `record.${entry.what}`,
    summary: `${capitalise(words)}: ${quote(entry.detail)}.`,
    step: entry.step,
    ...(entry.task !== undefined ? { task: entry.task } : {}),
    ...(entry.what === 'overdue' ? { after: { overdue: true } } : {}),
    source: sourceOf(state, entry.event),
  };
}
