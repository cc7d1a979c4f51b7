/**
 * The deadlines, reminders and escalations of the change-request SOP, written out by hand for
 * the hand-written workflow. Without a calendar library, business days are approximated as
 * wall-clock days and working hours as wall-clock hours (our engine counts them on the
 * cn-mainland calendar). On the benchmark's path no deadline ever passes, so the approximation
 * changes no step; what matters is that the same timers are armed and cancelled.
 */
import type { WaitingStep } from './hand-written-messages';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Who a reminder or escalation goes to; resolved against the project's people when it fires. */
export type Audience =
  'assignee' | 'requester' | 'deptHead' | 'deptHeadManager' | 'ctoManager' | 'approvalAdmin' | 'opsAdmin';

/** What an escalation does beyond notifying. */
export type EscalationAction = 'withdraw' | 'reject' | 'reassignToDeptHeadManager';

export interface Alarm {
  /** Milliseconds after the step was entered. */
  readonly after: number;
  readonly reason: 'reminder' | 'escalation';
  /** For escalations: which rung (0-based), as our engine numbers them. */
  readonly rung?: number;
  readonly notify: readonly Audience[];
  readonly message: string;
  readonly then?: EscalationAction;
}

interface Ladder {
  readonly deadline: number;
  readonly reminder: {
    readonly before: number;
    readonly notify: readonly Audience[];
    readonly message: string;
  };
  readonly escalation: readonly {
    readonly after: number;
    readonly notify: readonly Audience[];
    readonly message: string;
    readonly then?: EscalationAction;
  }[];
}

const APPROVAL: Ladder = {
  deadline: 2 * DAY,
  reminder: {
    before: 4 * HOUR,
    notify: ['assignee'],
    message: '有一条变更申请待您审批，将在 4 个工作小时后到期',
  },
  escalation: [
    { after: 0, notify: ['assignee'], message: '变更申请审批已逾期' },
    {
      after: 4 * HOUR,
      notify: ['assignee', 'deptHeadManager'],
      message: '变更申请审批已逾期 4 个工作小时，请督促审批',
    },
    {
      after: 2 * DAY,
      notify: ['approvalAdmin', 'requester'],
      message: '变更申请审批已逾期 2 个工作日，请审批管理员介入',
    },
    {
      after: 3 * DAY,
      notify: ['deptHeadManager', 'approvalAdmin', 'requester'],
      message: '变更申请审批已逾期 3 个工作日，已转交部门负责人的上级审批',
      then: 'reassignToDeptHeadManager',
    },
  ],
};

const LADDERS: Record<WaitingStep, Ladder> = {
  request: {
    deadline: 3 * DAY,
    reminder: { before: 4 * HOUR, notify: ['requester'], message: '变更申请表将在 4 个工作小时后到期' },
    escalation: [
      { after: 0, notify: ['requester'], message: '变更申请表已逾期，请尽快提交或撤回' },
      { after: 2 * DAY, notify: ['requester', 'deptHead'], message: '变更申请表已逾期 2 个工作日' },
      {
        after: 5 * DAY,
        notify: ['requester', 'deptHead'],
        message: '变更申请表逾期 5 个工作日未提交，已自动撤回',
        then: 'withdraw',
      },
    ],
  },
  minorHeadApproval: APPROVAL,
  majorHeadApproval: APPROVAL,
  ctoApproval: {
    deadline: 3 * DAY,
    reminder: { before: DAY, notify: ['assignee'], message: '有一条变更申请待您审批，将在 1 个工作日后到期' },
    escalation: [
      { after: 0, notify: ['assignee'], message: '变更申请审批已逾期' },
      { after: DAY, notify: ['assignee', 'ctoManager'], message: '变更申请 CTO 审批已逾期 1 个工作日' },
      {
        after: 2 * DAY,
        notify: ['approvalAdmin', 'requester'],
        message: '变更申请 CTO 审批已逾期 2 个工作日，请审批管理员介入',
      },
    ],
  },
  revise: {
    deadline: 3 * DAY,
    reminder: { before: 4 * HOUR, notify: ['requester'], message: '请决定修改后重新提交还是撤回变更申请' },
    escalation: [
      { after: 0, notify: ['requester'], message: '驳回处理已逾期' },
      {
        after: 2 * DAY,
        notify: ['requester', 'deptHead'],
        message: '驳回后 5 个工作日未处理，变更申请按驳回结案',
        then: 'reject',
      },
    ],
  },
};

/** How long a step may take. */
export function deadlineOf(step: WaitingStep): number {
  return LADDERS[step].deadline;
}

/** Every alarm of a step in firing order: the reminder, then each escalation rung. */
export function alarmsOf(step: WaitingStep): Alarm[] {
  const { deadline, reminder, escalation } = LADDERS[step];
  return [
    {
      after: deadline - reminder.before,
      reason: 'reminder',
      notify: reminder.notify,
      message: reminder.message,
    },
    ...escalation.map((rung, index): Alarm => ({
      after: deadline + rung.after,
      reason: 'escalation',
      rung: index,
      notify: rung.notify,
      message: rung.message,
      ...(rung.then ? { then: rung.then } : {}),
    })),
  ];
}
