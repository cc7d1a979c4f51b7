/**
 * Small builders for hand-made ProjectRecords: a state view, tasks, and history entries with
 * only the fields a test cares about spelled out.
 */
import type {
  ActionEntry,
  HistoryEntry,
  KickoffEntry,
  NotificationEntry,
  RecordEntry,
} from '../../../api/history/history-entry';
import type { ProjectView, TaskView } from '../../../workflows/project-view';
import type { ProjectRecord } from '../../../kpis';

/** ISO instant from a Shanghai wall-clock time: `sh('2026-12-07 09:00')`. */
export const sh = (local: string): string => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString();

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export function task(
  fields: Partial<TaskView> & Pick<TaskView, 'id' | 'owner' | 'dueAt' | 'createdAt'>,
): TaskView {
  return {
    name: `task ${fields.id}`,
    step: 'progress',
    collaborators: [],
    leadDepartment: 'rnd',
    collaboratingDepartments: [],
    priority: 'normal',
    status: 'todo',
    needsHelp: false,
    overdue: false,
    fired: [],
    updatedAt: fields.createdAt,
    ...fields,
  };
}

export interface ViewSpec {
  readonly sop?: string;
  readonly startedAt: string;
  readonly completedSteps?: ProjectView['completedSteps'];
  readonly activeSteps?: readonly { readonly id: string; readonly enteredAt: string }[];
  readonly tasks?: readonly TaskView[];
}

export function view(spec: ViewSpec): ProjectView {
  return {
    sop: { id: spec.sop ?? 'new-product-launch', version: '1.0.0', title: 'SOP', hash: 'h' },
    status: 'active',
    startedAt: spec.startedAt,
    activeSteps: (spec.activeSteps ?? []).map((s) => ({
      id: s.id,
      title: s.id,
      kind: 'form',
      assignees: [],
      enteredAt: s.enteredAt,
      overdue: false,
      accepts: [],
    })),
    completedSteps: spec.completedSteps ?? [],
    tasks: spec.tasks ?? [],
    pendingDeadlines: [],
    forms: {},
    approvals: {},
    members: [],
    participants: {},
    overdue: false,
  };
}

let eventId = 0;
const base = (at: string) => ({ at, event: ++eventId });

export const kickoff = (at: string, input: Record<string, unknown> = {}): KickoffEntry => ({
  kind: 'kickoff',
  ...base(at),
  runId: 'run-1',
  sop: { id: 'new-product-launch', version: '1.0.0', hash: 'h', title: 'SOP' },
  input,
  participants: {},
});

export const act = (
  at: string,
  user: string,
  type: string,
  extra: Partial<Omit<ActionEntry, 'kind' | 'at' | 'event' | 'type'>> = {},
): ActionEntry => ({ kind: 'action', ...base(at), type, actor: { user }, updateId: `u${eventId}`, ...extra });

export const notify = (
  at: string,
  step: string,
  extra: Partial<Omit<NotificationEntry, 'kind' | 'at' | 'event' | 'step'>> = {},
): NotificationEntry => ({
  kind: 'notification',
  ...base(at),
  notification: `${step}:n:${eventId}`,
  reason: 'assigned',
  step,
  recipients: [],
  message: '',
  delivered: true,
  ...extra,
});

export const record = (at: string, step: string, what: string, taskId?: string): RecordEntry => ({
  kind: 'record',
  ...base(at),
  record: `${step}:${what}:${eventId}`,
  what,
  detail: what,
  step,
  ...(taskId !== undefined ? { task: taskId } : {}),
});

export const project = (
  id: string,
  v: ProjectView,
  history: readonly HistoryEntry[] = [],
): ProjectRecord => ({
  id,
  view: v,
  history,
});
