import type { CompiledSop } from '../model/compiled';

type MessageKey =
  | 'assigned'
  | 'reminder'
  | 'overdue'
  | 'escalation'
  | 'taskAssigned'
  | 'needsHelp'
  | 'checkIn'
  | 'ackOverdue'
  | 'missedReport'
  | 'copied'
  | 'urged'
  | 'approvalOutcome';

const TEXTS: Record<'zh' | 'en', Record<MessageKey, string>> = {
  zh: {
    assigned: '「{title}」已分配给您，请及时处理',
    reminder: '「{title}」即将到期',
    overdue: '「{title}」已逾期',
    escalation: '「{title}」已逾期，升级处理（第 {rung} 级）',
    taskAssigned: '任务「{title}」已分配给您',
    needsHelp: '任务「{title}」受阻，请求协助',
    checkIn: '请更新任务「{title}」的进度',
    ackOverdue: '任务「{title}」分配后尚未确认接收',
    missedReport: '「{title}」未按时提交',
    copied: '抄送：「{title}」{detail}',
    urged: '催办：「{title}」正在等待您审批',
    approvalOutcome: '「{title}」的审批结果：{outcome}',
  },
  en: {
    assigned: '"{title}" is assigned to you',
    reminder: '"{title}" is due soon',
    overdue: '"{title}" is overdue',
    escalation: '"{title}" is overdue: escalation level {rung}',
    taskAssigned: 'Task "{title}" is assigned to you',
    needsHelp: 'Task "{title}" is blocked and needs help',
    checkIn: 'Please update the status of task "{title}"',
    ackOverdue: 'Task "{title}" has not been acknowledged yet',
    missedReport: '"{title}" was not handed in on time',
    copied: 'For your information: "{title}" {detail}',
    urged: 'Reminder from the requester: "{title}" is waiting for your approval',
    approvalOutcome: '"{title}" was {outcome}',
  },
};

/**
 * A default notification text in the SOP's language. Placeholders are plain `{name}` lookups:
 * templates never execute anything.
 */
export function defaultMessage(
  compiled: CompiledSop,
  key: MessageKey,
  values: Record<string, string | number>,
): string {
  const language = (compiled.document.language ?? 'en').startsWith('zh') ? 'zh' : 'en';
  return fillTemplate(TEXTS[language][key], values);
}

/** Replaces `{name}` placeholders with values; unknown placeholders stay as written. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([a-zA-Z][a-zA-Z0-9_]*)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
