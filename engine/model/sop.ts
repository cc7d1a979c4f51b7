/**
 * The SOP document model: the TypeScript shape of an SOP YAML file (`apiVersion: sop/v1`).
 *
 * Glossary
 * - **SOP** (standard operating procedure): one YAML file; a statechart of steps that every
 *   project started from it must follow. Identified by `id`, versioned by `version`.
 * - **Project** (instance): one run of an SOP, started ("kicked off") with an input, pinned to
 *   the compiled SOP version it started with.
 * - **Step**: a state of the statechart. Its `kind` says what happens there (a form to fill,
 *   tasks to finish, an approval, a wait, a notification, a choice, parallel regions, the end).
 * - **Task**: a unit of work inside a `tasks` step, created at run time, with one owner,
 *   collaborators, a lead department, collaborating departments, a due date and a priority.
 * - **Transition**: a move from one step to another, on a named event (optionally guarded by a
 *   CEL condition) or without an event (`always`).
 * - **Deadline**: when a step's (or task's) work is due, in wall time or working time.
 * - **Reminder**: a notification before a deadline, or repeating on a schedule while work is open.
 * - **Escalation**: a ladder of rungs, each firing when the work is overdue by a given amount:
 *   notify someone, reassign, take an automatic action, or move the project to another step.
 * - **Participant**: a named role in the SOP (`pm`, `marketingHead`) and how it resolves to
 *   people at run time (a user, an org role, a department head, a manager up the chain, a value
 *   from the kickoff input).
 *
 * Validation of these shapes lives in `engine/schema/sop.schema.json` (structure) and
 * `engine/validator/` (meaning). Nothing here does I/O.
 */

/** The only api version this engine reads. */
export const SOP_API_VERSION = 'sop/v1';

/** A JSON Schema (2020-12) object, as written inline in the SOP. */
export type JsonSchema = { readonly [key: string]: unknown };

/**
 * A duration. Wall time: `48h`, `30m`, `2d`, `1w`, `1h30m`, or ISO 8601 (`PT48H`, `P3D`).
 * Working time, counted in the SOP's business calendar: `3 business days`, `2 working days`,
 * `4 working hours`, `30 working minutes`.
 */
export type DurationText = string;

/**
 * A recurring schedule in the SOP's time zone, e.g. `every friday at 17:00`,
 * `every working day at 10:00`, `every day at 09:30`, `every monday, thursday at 09:00`,
 * or an interval `every 4h` / `every 2 working hours`.
 */
export type RecurrenceText = string;

/**
 * A CEL expression (Common Expression Language), data only, no side effects, linear cost.
 * Variables: `input` (kickoff input), `forms` (latest submission per form step id),
 * `tasks` (task lists per tasks step id), `approvals` (decision per approval step id),
 * `event` (the triggering event: `event.data`, `event.actor`).
 */
export type Expression = string;

/**
 * A reference to people, used wherever someone is notified, assigned or allowed to act:
 * - a participant name declared under `participants` (`pm`, `marketingHead`);
 * - a built-in: `assignee` (whoever the current step is assigned to), `members` (everyone on the
 *   project), `task.owner`, `task.collaborators`, `task.leadHead` (head of the task's lead
 *   department), `task.collaboratingHeads` (heads of its collaborating departments);
 * - either of those followed by `.manager` once or more: the manager(s) that many levels up
 *   (`task.owner.manager`, `assignee.manager.manager`, `pm.manager`).
 */
export type ParticipantRef = string;

/** The built-in participant references, always available. */
export const BUILTIN_PARTICIPANT_REFS = [
  'assignee',
  'members',
  'task.owner',
  'task.collaborators',
  'task.leadHead',
  'task.collaboratingHeads',
] as const;

/**
 * How a participant resolves to people at run time. Exactly one of the keys.
 * - `user`: a named user id from the org directory.
 * - `role`: everyone holding an org-directory role (e.g. `ops-admin`).
 * - `headOf`: the head of a department: a department id (`marketing`), or `input.<field>` (a
 *   department id from the kickoff input).
 * - `managerOf` + `levels`: the manager `levels` steps up the chain from another participant
 *   (or `task.owner`), e.g. a skip-level manager.
 * - `fromInput`: a user id (or list of user ids) taken from a kickoff input field.
 */
export type ParticipantSpec =
  | { readonly user: string; readonly title?: string }
  | { readonly role: string; readonly title?: string }
  | { readonly headOf: string; readonly title?: string }
  | { readonly managerOf: ParticipantRef; readonly levels: number; readonly title?: string }
  | { readonly fromInput: string; readonly title?: string };

/** A reusable form: the fields a person fills, as a JSON Schema. */
export interface FormSpec {
  readonly title: string;
  readonly description?: string;
  readonly schema: JsonSchema;
}

/**
 * When work is due. Either a duration from when the step (or task) starts (`48h`,
 * `3 business days`), or an absolute date from a field (`{ at: input.launchDate }`),
 * optionally moved earlier by `before`.
 */
export type DeadlineSpec = DurationText | { readonly at: string; readonly before?: DurationText };

/** Notification channel ids (from the deployment's channel configuration), e.g. `email`, `rnd-feishu`. */
export type ChannelList = readonly string[];

/** A reminder before the deadline (`before`) or repeating while the work is open (`every`). */
export type ReminderSpec =
  | {
      readonly before: DurationText;
      readonly notify: readonly ParticipantRef[];
      readonly message?: string;
      readonly channels?: ChannelList;
    }
  | {
      readonly every: RecurrenceText;
      readonly notify: readonly ParticipantRef[];
      readonly message?: string;
      readonly channels?: ChannelList;
    };

/**
 * One rung of an escalation ladder: fires when the work is overdue by `after` (`0h` = at the
 * deadline). Rungs must be in increasing order of `after`. At least one effect is required.
 */
export interface EscalationRung {
  readonly after: DurationText;
  /** Who is told. */
  readonly notify?: readonly ParticipantRef[];
  /** Hand the work to someone else (the step assignee, or the task owner). */
  readonly reassign?: ParticipantRef;
  /** Take an automatic action: an event the step accepts (e.g. `approve`, `reject`, `submit`). */
  readonly action?: string;
  /** Move the project to another step. */
  readonly goto?: string;
  /**
   * Cancel: on a task's ladder the task is cancelled; on a step's ladder the project moves to its
   * first final step whose outcome is `cancelled`.
   */
  readonly cancel?: boolean;
  readonly message?: string;
  readonly channels?: ChannelList;
}

/** A transition: its target step, an optional CEL guard, and who may send the event. */
export interface TransitionSpec {
  readonly target: string;
  /** CEL condition; the transition is taken only when it is true. */
  readonly when?: Expression;
  /** Who may send this event (default: the step's assignee, for human steps). */
  readonly by?: readonly ParticipantRef[];
  readonly description?: string;
}

/** `on:` entries: `event: target`, `event: { target, when, by }`, or a list tried in order. */
export type TransitionsSpec = Readonly<Record<string, string | TransitionSpec | readonly TransitionSpec[]>>;

/** A recurring obligation while the project is in a step, e.g. the Friday 17:00 weekly report. */
export interface RecurringSpec {
  readonly id: string;
  readonly title?: string;
  readonly every: RecurrenceText;
  readonly notify: readonly ParticipantRef[];
  /** A named message template (`weekly-report`) or literal text with `{placeholders}`. */
  readonly message?: string;
  readonly channels?: ChannelList;
  /**
   * Someone must hand something in for each occurrence (e.g. the project manager's weekly notes,
   * as action `recurring.submit` with `data.recurring` = this id). When nothing came in since the
   * previous occurrence, `ifMissed.notify` hears about it at the occurrence.
   */
  readonly expect?: {
    readonly from: readonly ParticipantRef[];
    readonly ifMissed: { readonly notify: readonly ParticipantRef[]; readonly message?: string };
  };
}

/** Fields every step may have. */
interface StepBase {
  readonly title?: string;
  readonly description?: string;
  /** Named event transitions. */
  readonly on?: TransitionsSpec;
  /** Eventless transitions, tried in order whenever the project changes. */
  readonly always?: readonly TransitionSpec[];
  /** Recurring obligations while the project is in this step. */
  readonly recurring?: readonly RecurringSpec[];
}

/** Fields of steps where a person must act. */
interface HumanStepBase extends StepBase {
  /** Who must act. */
  readonly assignee: ParticipantRef;
  readonly deadline?: DeadlineSpec;
  readonly reminders?: readonly ReminderSpec[];
  readonly escalation?: readonly EscalationRung[];
}

/** A person fills in a form (event `submit`, data checked against the form's schema). */
export interface FormStep extends HumanStepBase {
  readonly kind: 'form';
  /** A form id declared under `forms`. */
  readonly form: string;
  /**
   * `each: participatingDepartments` asks one submission per department that takes part in the
   * project (lead or collaborating department of any task); the step completes when all have
   * submitted. Without it, one submission by the assignee completes the step.
   */
  readonly respondents?: { readonly each: 'participatingDepartments' };
  /** Where to go once the form is complete. */
  readonly next?: string;
}

/** Settings shared by every task of a `tasks` step. */
export interface TaskDefaults {
  readonly deadline?: DeadlineSpec;
  readonly priority?: TaskPriority;
  readonly reminders?: readonly ReminderSpec[];
  readonly escalation?: readonly EscalationRung[];
  /** The due date moves later by the time a task spends blocked: its clock pauses while blocked. */
  readonly pauseWhileBlocked?: boolean;
  /**
   * A new task must be acknowledged (action `task.acknowledge`, or any update by its owner)
   * within this time, else `notify` hears about it: an acknowledgement SLA.
   */
  readonly acknowledge?: {
    readonly within: DurationText;
    readonly notify: readonly ParticipantRef[];
    readonly message?: string;
    readonly channels?: ChannelList;
  };
}

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const TASK_STATUSES = ['todo', 'in_progress', 'blocked', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * A task list built at run time. Events: `task.add` (by the assignee), `task.update` (status
 * `in_progress` | `blocked` | `done`, by the owner or a collaborator), `task.needsHelp`,
 * `task.cancel` (by the assignee). The step completes when it has at least `minTasks` tasks and
 * every one is `done` or `cancelled`.
 */
export interface TasksStep extends HumanStepBase {
  readonly kind: 'tasks';
  /**
   * Task-name rule, built from `{project}`, `{module}`, `{owner}`, `{due}` (YYYY-MM-DD), e.g.
   * `{project}-{module}-{owner}-{due}`. `{project}` comes from the input field `projectField`.
   */
  readonly naming?: { readonly pattern: string; readonly projectField?: string };
  /** Seed the list from a form step's submission: its `tasks` array. */
  readonly tasksFrom?: string;
  readonly minTasks?: number;
  readonly taskDefaults?: TaskDefaults;
  /** Who is notified at once when a blocked task is flagged "needs help". */
  readonly needsHelp?: { readonly notify: readonly ParticipantRef[]; readonly channels?: ChannelList };
  readonly next?: string;
}

/**
 * How the approvers of an approval step decide together:
 * - `sequential` (依次审批): one after another, in the order listed; everyone must approve;
 * - `all` (会签): at the same time; everyone must approve, one rejection rejects;
 * - `any` (或签): at the same time; the first decision (approve or reject) decides;
 * - `{ quorum: N }`: at the same time; N approvals approve, and the step is rejected as soon as
 *   N approvals can no longer be reached;
 * - `{ percent: P }`: like a quorum of P% of the approvers, rounded up.
 */
export type ApprovalMode =
  'sequential' | 'all' | 'any' | { readonly quorum: number } | { readonly percent: number };

export const APPROVAL_MODE_NAMES = ['sequential', 'all', 'any'] as const;

/** What happens when no approver is left (nobody resolves, or every one was skipped). */
export const IF_NOBODY_RULES = ['skip', 'admin', 'refuse'] as const;
export type IfNobodyRule = (typeof IF_NOBODY_RULES)[number];

/** What happens when the requester is one of the approvers. */
export const IF_REQUESTER_IS_APPROVER_RULES = ['approve', 'skip', 'keep'] as const;
export type IfRequesterIsApproverRule = (typeof IF_REQUESTER_IS_APPROVER_RULES)[number];

/**
 * An approval (审批). v1: one `assignee` approves or rejects, exactly as before. With any of the
 * approval-flow fields (`approvers`, `approversFromInput`, `approversFromForm`, `mode`,
 * `requester`, `sendBackTo`, `onWithdraw`, `cc`, …) the step becomes an approval flow: several
 * approvers deciding under a `mode`, with send back, withdraw, transfer, add approver, CC and
 * urge actions (see docs/approvals.md).
 */
export interface ApprovalStep extends Omit<HumanStepBase, 'assignee'> {
  readonly kind: 'approval';
  /** The single approver (v1); in an approval flow, the first approver. */
  readonly assignee?: ParticipantRef;
  /** What is being approved: a form step id whose submission the approver sees. */
  readonly subject?: string;
  readonly onApprove: string;
  readonly onReject: string;
  /** Reject must carry a comment. Default true. */
  readonly requireCommentOnReject?: boolean;
  /** The approvers, in order (people refs, like `assignee`). */
  readonly approvers?: readonly ParticipantRef[];
  /** A kickoff input field holding a user id or a list of user ids chosen by the requester. */
  readonly approversFromInput?: string;
  /** `forms.<step>.<field>`: a user id or list of user ids from a form submission. */
  readonly approversFromForm?: string;
  /** How the approvers decide together. Default `sequential`. */
  readonly mode?: ApprovalMode;
  /** Who asked for the approval: may withdraw and urge; see `ifRequesterIsApprover`. */
  readonly requester?: ParticipantRef;
  /** When nobody is left to approve. Default `admin` (falls back to `refuse` without an admin). */
  readonly ifNobody?: IfNobodyRule;
  /** When the requester is also an approver. Default `keep`. */
  readonly ifRequesterIsApprover?: IfRequesterIsApproverRule;
  /** Who stands in when nobody is left (`ifNobody: admin`). Default the participant `approvalAdmin`. */
  readonly approvalAdmin?: ParticipantRef;
  /** Earlier steps an approver may send the request back to (退回), besides `subject`. */
  readonly sendBackTo?: readonly string[];
  /** Where a withdrawal (撤回) by the requester goes; without it there is no built-in withdraw. */
  readonly onWithdraw?: string;
  /** Readers told of the outcome (抄送), who do not act. */
  readonly cc?: readonly ParticipantRef[];
  /** How often the requester may urge (催办) the pending approvers. Default `1h`. */
  readonly urgeInterval?: DurationText;
}

/** Waits for an external event (`for`) and/or until a time (`until`). */
export interface WaitStep extends StepBase {
  readonly kind: 'wait';
  /** An event name sent by another system, e.g. `payment.received`. */
  readonly for?: string;
  /** A duration from entering the step, or `{ at: input.field }`. */
  readonly until?: DeadlineSpec;
  /** Target when the event arrives (or, without `onTimeout`, when the time comes). */
  readonly next: string;
  readonly onTimeout?: string;
}

/** Sends a notification, then moves on at once. */
export interface NotifyStep extends StepBase {
  readonly kind: 'notify';
  readonly notify: readonly ParticipantRef[];
  readonly message: string;
  readonly channels?: ChannelList;
  readonly next: string;
}

/** Conditional routes, tried in order; `otherwise` when none matches. */
export interface ChoiceStep extends StepBase {
  readonly kind: 'choice';
  readonly routes: readonly { readonly when: Expression; readonly target: string }[];
  readonly otherwise: string;
}

/** Regions that run at the same time; `next` once every region reaches its final step. */
export interface ParallelStep extends StepBase {
  readonly kind: 'parallel';
  readonly regions: Readonly<Record<string, { readonly initial: string; readonly steps: StepsSpec }>>;
  readonly next: string;
}

export const FINAL_OUTCOMES = ['completed', 'cancelled', 'rejected'] as const;
export type FinalOutcome = (typeof FINAL_OUTCOMES)[number];

/** The end of the project (or of a parallel region). */
export interface FinalStep {
  readonly kind: 'final';
  readonly title?: string;
  readonly description?: string;
  readonly outcome?: FinalOutcome;
}

export type Step =
  FormStep | TasksStep | ApprovalStep | WaitStep | NotifyStep | ChoiceStep | ParallelStep | FinalStep;

export type StepKind = Step['kind'];
export const STEP_KINDS: readonly StepKind[] = [
  'form',
  'tasks',
  'approval',
  'wait',
  'notify',
  'choice',
  'parallel',
  'final',
];
export const HUMAN_STEP_KINDS: readonly StepKind[] = ['form', 'tasks', 'approval'];

export type StepsSpec = Readonly<Record<string, Step>>;

/**
 * A KPI the SOP counts. `on-time`: share of `subject` finished by their deadline;
 * `response-time`: time from `from` (an assignment) to the first action on it.
 */
export interface KpiSpec {
  readonly id: string;
  readonly title: string;
  readonly kind: 'on-time' | 'response-time';
  /** `tasks`, a step id, or `steps` (every human step). */
  readonly subject: string;
  readonly target?: string;
}

/** An SOP file. */
export interface SopDocument {
  readonly apiVersion: typeof SOP_API_VERSION;
  /** kebab-case, unique across the SOP catalogue. */
  readonly id: string;
  /** Semantic version, e.g. `1.2.0`. */
  readonly version: string;
  readonly title: string;
  readonly description?: string;
  /** Owning department id (from the org directory). */
  readonly owner: string;
  /** IANA time zone for schedules and working time, e.g. `Asia/Shanghai`. */
  readonly timeZone: string;
  /** Business calendar id (`sop-definitions/calendars/<id>.yaml`); working-time durations need it. */
  readonly calendar?: string;
  /** Language of messages, e.g. `zh-CN`. */
  readonly language?: string;
  readonly participants?: Readonly<Record<string, ParticipantSpec>>;
  /** The kickoff input, checked when a project is started. */
  readonly input?: { readonly schema: JsonSchema };
  readonly forms?: Readonly<Record<string, FormSpec>>;
  readonly kpis?: readonly KpiSpec[];
  /** Where notifications go unless a reminder, rung or step says otherwise (default: `log`). */
  readonly notifications?: { readonly channels: ChannelList };
  readonly initial: string;
  readonly steps: StepsSpec;
}
