import type { ActionEntry, HistoryEntry, NotificationEntry, RecordEntry } from '../api/history/history-entry';

/**
 * A task as the history shows it: created by a `task-assigned` notification, changed by actions.
 *
 * @example
 * findTask(state, 't1'); // => { step: 'progress', id: 't1', name: 'Landing page', status: 'todo', owner: 'sun.peng' }
 */
export interface TrackedTask {
  readonly step: string;
  readonly id: string;
  readonly name?: string;
  readonly status: string;
  readonly owner?: string;
}

/** Titles of tasks an action is about to create, matched to the notifications it causes. */
interface PendingTaskNames {
  readonly at: string;
  readonly names: readonly (string | undefined)[];
}

/** What drove the project last: decides whether a newly entered step is fully explained. */
type Driver = 'none' | 'kickoff' | 'action' | 'timer';

/**
 * What the audit trail knows about a project at one point of its history. History entries
 * hold events, not states; the trail rebuilds the part of the state an auditor asks about
 * (active steps, task statuses) to say what each action changed.
 *
 * @example
 * const state: TrailState = entries.reduce(advanceState, initialTrailState());
 */
export interface TrailState {
  readonly projectStatus?: string;
  /** Active steps, when `stepsKnown`. */
  readonly steps: readonly string[];
  /**
   * False once the engine may have left a step without the history saying so: a timer moved
   * the project on, or an action's result is missing. An accepted action's result makes it
   * true again. Summaries never claim steps the trail does not know.
   */
  readonly stepsKnown: boolean;
  /** step → the users its `assigned` notification went to. */
  readonly assignees: Readonly<Record<string, readonly string[]>>;
  readonly tasks: readonly TrackedTask[];
  readonly runId?: string;
  readonly driver: Driver;
  readonly pendingTaskNames?: PendingTaskNames;
}

/**
 * The state before a project's first entry.
 *
 * @example
 * const start = initialTrailState(); // { steps: [], stepsKnown: false, tasks: [], … }
 */
export function initialTrailState(): TrailState {
  return { steps: [], stepsKnown: false, assignees: {}, tasks: [], driver: 'none' };
}

/**
 * The task an action names: in an active step when several steps have a task with that id.
 *
 * @example
 * findTask(state, 't1')?.status; // => 'in_progress'
 */
export function findTask(state: TrailState, id: string | undefined): TrackedTask | undefined {
  if (id === undefined) return undefined;
  const matches = state.tasks.filter((t) => t.id === id);
  if (matches.length <= 1) return matches[0];
  const active = matches.filter((t) => state.steps.includes(t.step));
  return active.length === 1 ? active[0] : undefined;
}

function itemName(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const name = (item as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** Task titles in the order the engine creates the tasks: `task.add` data, or a form's `tasks` list. */
function taskNamesOf(action: ActionEntry): PendingTaskNames | undefined {
  if (action.type === 'task.add') return { at: action.at, names: [itemName(action.data)] };
  const tasks = (action.data as { tasks?: unknown } | undefined)?.tasks;
  return Array.isArray(tasks) ? { at: action.at, names: tasks.map(itemName) } : undefined;
}

function withTaskStatus(state: TrailState, action: ActionEntry): readonly TrackedTask[] {
  const status =
    action.type === 'task.update' ? action.status : action.type === 'task.cancel' ? 'cancelled' : undefined;
  const task = findTask(state, action.task);
  if (status === undefined || !task) return state.tasks;
  return state.tasks.map((t) => (t === task ? { ...t, status } : t));
}

function afterAction(state: TrailState, action: ActionEntry): TrailState {
  const { pendingTaskNames: _previous, ...rest } = state;
  const names = taskNamesOf(action);
  return {
    ...rest,
    ...(action.result && Array.isArray(action.result.steps)
      ? { steps: action.result.steps, stepsKnown: true, projectStatus: action.result.status }
      : { stepsKnown: false }),
    tasks: withTaskStatus(state, action),
    driver: 'action',
    ...(names ? { pendingTaskNames: names } : {}),
  };
}

function afterAssigned(state: TrailState, entry: NotificationEntry): TrailState {
  const entered = !state.steps.includes(entry.step);
  return {
    ...state,
    assignees: { ...state.assignees, [entry.step]: entry.recipients },
    // Only the kickoff explains a new step fully; after a timer, the step it left is unknown.
    ...(entered
      ? { steps: [...state.steps, entry.step], stepsKnown: state.stepsKnown && state.driver === 'kickoff' }
      : {}),
  };
}

function afterTaskAssigned(state: TrailState, entry: NotificationEntry): TrailState {
  const id = entry.task;
  if (id === undefined || state.tasks.some((t) => t.step === entry.step && t.id === id)) return state;
  // The names of the tasks the last action planned, in order. Not matched by time: Temporal may
  // stamp the notifications of one workflow task a millisecond after the action. The next action
  // clears them (afterAction).
  const pending = state.pendingTaskNames;
  const name = pending?.names[0];
  const task: TrackedTask = {
    step: entry.step,
    id,
    ...(name !== undefined ? { name } : {}),
    status: 'todo',
    ...(entry.recipients[0] !== undefined ? { owner: entry.recipients[0] } : {}),
  };
  const { pendingTaskNames: _used, ...rest } = state;
  return {
    ...rest,
    tasks: [...state.tasks, task],
    ...(pending ? { pendingTaskNames: { at: pending.at, names: pending.names.slice(1) } } : {}),
  };
}

/** A task whose owner changed in a way the history only describes in words. */
function withoutOwner({ owner: _unknown, ...task }: TrackedTask): TrackedTask {
  return task;
}

function afterRecord(state: TrailState, entry: RecordEntry): TrailState {
  if (entry.what === 'escalated-to-step' || entry.what === 'auto-action')
    return { ...state, stepsKnown: false };
  if (entry.what !== 'reassigned') return state;
  if (entry.task === undefined) {
    const { [entry.step]: _reassigned, ...assignees } = state.assignees;
    return { ...state, assignees };
  }
  const reassigned = (t: TrackedTask) => t.step === entry.step && t.id === entry.task;
  return { ...state, tasks: state.tasks.map((t) => (reassigned(t) ? withoutOwner(t) : t)) };
}

function ended(state: TrailState, projectStatus: string): TrailState {
  return { ...state, projectStatus, steps: [], stepsKnown: true };
}

/**
 * The state after one more history entry.
 *
 * @example
 * const state = entries.reduce(advanceState, initialTrailState());
 * state.tasks.find((t) => t.id === 't1')?.status; // => 'done'
 */
export function advanceState(state: TrailState, entry: HistoryEntry): TrailState {
  switch (entry.kind) {
    case 'kickoff':
      return {
        ...initialTrailState(),
        projectStatus: 'active',
        stepsKnown: true,
        runId: entry.runId,
        driver: 'kickoff',
      };
    case 'action':
      return afterAction(state, entry);
    case 'timer':
      return { ...state, driver: 'timer' };
    case 'notification':
      if (entry.reason === 'assigned') return afterAssigned(state, entry);
      return entry.reason === 'task-assigned' ? afterTaskAssigned(state, entry) : state;
    case 'record':
      return afterRecord(state, entry);
    case 'continued-as-new':
      return { ...state, runId: entry.nextRunId };
    case 'completed':
      return ended(state, outcomeStatus(entry.outcome) ?? 'completed');
    case 'ended':
      return ended(state, entry.how);
  }
}

/**
 * The `status` of a project's outcome (`completed`, `cancelled`, …), when it has one.
 *
 * @example
 * outcomeStatus({ status: 'cancelled', finalStep: 'withdrawn' }); // => 'cancelled'
 */
export function outcomeStatus(outcome: unknown): string | undefined {
  const status = (outcome as { status?: unknown } | null | undefined)?.status;
  return typeof status === 'string' && status !== '' ? status : undefined;
}
