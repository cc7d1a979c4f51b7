import type { ApprovalRecord } from './approval/approval-record';
import type { TaskPriority, TaskStatus } from '../model/sop';

/**
 * Who sent an event. `@system` marks actions the engine takes itself (an escalation rung's
 * automatic action), which pass every permission check.
 */
export interface Actor {
  readonly user: string;
  readonly onBehalfOf?: string;
  /** The system account (integration) that relayed the action for `user`, kept for auditors. */
  readonly via?: string;
}

export const SYSTEM_USER = '@system';

/** A task inside a `tasks` step, as the project holds it. */
export interface TaskState {
  readonly id: string;
  readonly name: string;
  readonly module?: string;
  readonly owner: string;
  readonly collaborators: readonly string[];
  readonly leadDepartment: string;
  readonly collaboratingDepartments: readonly string[];
  /** Due instant (epoch ms). */
  readonly dueAt: number;
  readonly due?: string;
  readonly priority: TaskPriority;
  readonly status: TaskStatus;
  readonly needsHelp: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly completedAt?: number;
  readonly overdue: boolean;
  /** When the owner acknowledged the assignment (explicitly or by a first update). */
  readonly acknowledgedAt?: number;
  /** While blocked with a paused clock: since when. */
  readonly pausedAt?: number;
  /** Timers that already fired (`rung/0`, `reminder/1`, `deadline/0`, `ack/0`): never again. */
  readonly fired: readonly string[];
}

/** A recorded form submission. */
export interface Submission {
  readonly by: string;
  readonly at: number;
  readonly data: unknown;
  readonly department?: string;
}

/** What the project knows about one step it has entered. */
export interface StepRecord {
  readonly enteredAt: number;
  readonly dueAt?: number;
  readonly exitedAt?: number;
  readonly overdue: boolean;
  /** Time of the first human action on this step (for response-time KPIs). */
  readonly firstActionAt?: number;
}

/** The slice of the org directory a project needs, pinned at kickoff so replay never reads files. */
export interface OrgSnapshot {
  /** department id → head user id */
  readonly heads: Readonly<Record<string, string>>;
  /** user id → { department, manager, name } */
  readonly users: Readonly<
    Record<string, { readonly department: string; readonly manager?: string; readonly name: string }>
  >;
  /** role id → user ids holding it */
  readonly roles: Readonly<Record<string, readonly string[]>>;
}

/** The machine's context: everything a project remembers. Plain JSON. */
export interface SopContext {
  readonly input: Readonly<Record<string, unknown>>;
  readonly startedAt: number;
  readonly org: OrgSnapshot;
  /** participant name → user ids, resolved at kickoff */
  readonly people: Readonly<Record<string, readonly string[]>>;
  /** participants resolved per task (`managerOf: task.owner`) → the reference they stand for */
  readonly aliases?: Readonly<Record<string, string>>;
  /** every user on the project (participants, input members, task owners and collaborators) */
  readonly members: readonly string[];
  /** step id → current assignees (after reassignment) */
  readonly assignees: Readonly<Record<string, readonly string[]>>;
  readonly steps: Readonly<Record<string, StepRecord>>;
  /** form step id → latest submission data (what CEL sees as `forms.<id>`) */
  readonly forms: Readonly<Record<string, unknown>>;
  /** form step id → every submission, in order */
  readonly submissions: Readonly<Record<string, readonly Submission[]>>;
  /** tasks step id → tasks */
  readonly tasks: Readonly<Record<string, readonly TaskState[]>>;
  /** approval step id → its approvers, decisions and outcome (what CEL sees as `approvals.<id>`) */
  readonly approvals: Readonly<Record<string, ApprovalRecord>>;
  /** step id → hand-ins for recurring obligations that expect one (`recurring.submit`) */
  readonly reports?: Readonly<
    Record<
      string,
      readonly {
        readonly recurring: string;
        readonly by: string;
        readonly at: number;
        readonly data: unknown;
      }[]
    >
  >;
  /** `<step>/<recurring id>` → when that obligation last came due */
  readonly recurringLast?: Readonly<Record<string, number>>;
  /** counter behind stable effect ids */
  readonly seq: number;
}

/** What a project starts with (the machine's `input`). */
export interface ProjectStart {
  readonly input: Readonly<Record<string, unknown>>;
  readonly startedAt: number;
  readonly org: OrgSnapshot;
  readonly people: Readonly<Record<string, readonly string[]>>;
}

/** Every event the runtime hands the machine carries its time and, for human actions, its actor. */
export interface SopEvent {
  readonly type: string;
  /** epoch ms, stamped by the runtime */
  readonly at?: number;
  readonly actor?: Actor;
  readonly data?: unknown;
  readonly task?: string;
  readonly status?: TaskStatus;
  readonly comment?: string;
  readonly department?: string;
  /** Addresses the action to one of several active steps that accept the same event (parallel steps). */
  readonly step?: string;
  readonly [key: string]: unknown;
}
