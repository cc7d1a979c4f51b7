import type { CompiledSop } from '../engine/model/compiled';
import type { TaskState } from '../engine/runtime/context';
import type { SopContext } from '../engine/runtime/context';
import type { PendingTimer } from '../engine/runtime/driver';
import { acceptedEvents } from '../engine/runtime/explain';
import { activeSteps } from '../engine/runtime/active-steps';

/** One active step as the state query reports it. */
export interface ActiveStepView {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly assignees: readonly string[];
  readonly enteredAt: string;
  readonly dueAt?: string;
  readonly overdue: boolean;
  /** The actions it accepts now. */
  readonly accepts: readonly string[];
}

export interface TaskView extends Omit<
  TaskState,
  'dueAt' | 'createdAt' | 'updatedAt' | 'completedAt' | 'acknowledgedAt' | 'pausedAt'
> {
  readonly step: string;
  readonly dueAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly completedAt?: string;
  readonly acknowledgedAt?: string;
  readonly pausedAt?: string;
}

/** The project as the `state` query returns it: plain JSON with ISO times. */
export interface ProjectView {
  readonly sop: {
    readonly id: string;
    readonly version: string;
    readonly title: string;
    readonly hash: string;
  };
  readonly status: string;
  readonly startedAt: string;
  readonly activeSteps: readonly ActiveStepView[];
  readonly completedSteps: readonly {
    readonly id: string;
    readonly enteredAt: string;
    readonly exitedAt: string;
  }[];
  readonly tasks: readonly TaskView[];
  readonly pendingDeadlines: readonly { readonly id: string; readonly at: string }[];
  readonly forms: SopContext['forms'];
  readonly approvals: SopContext['approvals'];
  readonly members: readonly string[];
  /** Participant name → user ids, resolved at kickoff (who plays which part). */
  readonly participants: Readonly<Record<string, readonly string[]>>;
  readonly outcome?: string;
  readonly overdue: boolean;
  readonly nextDeadline?: string;
  /** Set when someone cancelled the project: who, when and why. */
  readonly cancellation?: { readonly by: string; readonly at: string; readonly reason: string };
}

/**
 * The view of a cancelled project: nothing is active or pending any more.
 *
 * @example
 * const view = cancelledView(buildProjectView(compiled, snapshot, []), { by: 'he.yun', at, reason });
 */
export function cancelledView(
  view: ProjectView,
  cancellation: NonNullable<ProjectView['cancellation']>,
): ProjectView {
  const { nextDeadline: _next, ...rest } = view;
  return {
    ...rest,
    status: 'cancelled',
    activeSteps: [],
    pendingDeadlines: [],
    overdue: false,
    cancellation,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Builds the state view from a project's snapshot and pending timers. Pure. */
export function buildProjectView(
  compiled: CompiledSop,
  snapshot: { status: string; value: unknown; context: unknown },
  timers: readonly PendingTimer[],
): ProjectView {
  const context = snapshot.context as SopContext;
  const active = activeSteps(compiled, snapshot.value);
  const info = new Map(compiled.steps.map((s) => [s.id, s]));
  const activeViews = active.map((id): ActiveStepView => {
    const record = context.steps[id];
    return {
      id,
      title: info.get(id)?.title ?? id,
      kind: info.get(id)?.kind ?? 'unknown',
      assignees: context.assignees[id] ?? [],
      enteredAt: iso(record?.enteredAt ?? context.startedAt),
      ...(record?.dueAt !== undefined ? { dueAt: iso(record.dueAt) } : {}),
      overdue: record?.overdue ?? false,
      accepts: snapshot.status === 'active' ? acceptedEvents(compiled, id) : [],
    };
  });
  const tasks = Object.entries(context.tasks).flatMap(([step, list]) =>
    list.map(({ completedAt, acknowledgedAt, pausedAt, ...task }): TaskView => ({
      ...task,
      step,
      dueAt: iso(task.dueAt),
      createdAt: iso(task.createdAt),
      updatedAt: iso(task.updatedAt),
      ...(completedAt !== undefined ? { completedAt: iso(completedAt) } : {}),
      ...(acknowledgedAt !== undefined ? { acknowledgedAt: iso(acknowledgedAt) } : {}),
      ...(pausedAt !== undefined ? { pausedAt: iso(pausedAt) } : {}),
    })),
  );
  const completed = Object.entries(context.steps)
    .filter(([, r]) => r.exitedAt !== undefined)
    .map(([id, r]) => ({ id, enteredAt: iso(r.enteredAt), exitedAt: iso(r.exitedAt ?? r.enteredAt) }));
  const deadlines = timers.filter((t) => /deadline|until|rung|\/deadline\//.test(t.id));
  const finalStep = snapshot.status === 'done' ? active[active.length - 1] : undefined;
  const finalSpec = finalStep ? compiled.document.steps[finalStep] : undefined;
  const overdue =
    activeViews.some((s) => s.overdue) ||
    tasks.some((t) => t.overdue && t.status !== 'done' && t.status !== 'cancelled');
  const next = deadlines[0];
  return {
    sop: { id: compiled.sopId, version: compiled.version, title: compiled.title, hash: compiled.hash },
    status:
      snapshot.status === 'active'
        ? 'active'
        : snapshot.status === 'done'
          ? finalSpec?.kind === 'final'
            ? (finalSpec.outcome ?? 'completed')
            : 'completed'
          : snapshot.status,
    startedAt: iso(context.startedAt),
    activeSteps: activeViews,
    completedSteps: completed,
    tasks,
    pendingDeadlines: deadlines.map((t) => ({ id: t.id, at: iso(t.at) })),
    forms: context.forms,
    approvals: context.approvals,
    members: context.members,
    participants: context.people,
    ...(finalSpec?.kind === 'final' ? { outcome: finalSpec.outcome ?? 'completed' } : {}),
    overdue,
    ...(next ? { nextDeadline: iso(next.at) } : {}),
  };
}
