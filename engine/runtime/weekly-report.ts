import type { CompiledSop } from '../model/compiled';
import type { SopContext } from './context';

/** The built-in message template name that asks for a project progress report. */
export const WEEKLY_REPORT_TEMPLATE = 'weekly-report';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * The weekly progress report (项目进度周报), built from the project's own state: tasks by status,
 * overdue and blocked ones by name, and what was finished in the last seven days.
 */
export function buildWeeklyReport(compiled: CompiledSop, context: SopContext, now: number): string {
  const tasks = Object.values(context.tasks).flat();
  const count = (status: string) => tasks.filter((t) => t.status === status).length;
  const names = (list: typeof tasks) => list.map((t) => t.name).join(', ') || '-';
  const overdue = tasks.filter((t) => t.overdue && t.status !== 'done' && t.status !== 'cancelled');
  const blocked = tasks.filter((t) => t.status === 'blocked');
  const finished = tasks.filter(
    (t) => t.status === 'done' && t.completedAt !== undefined && now - t.completedAt < WEEK_MS,
  );
  const project = typeof context.input.projectName === 'string' ? context.input.projectName : compiled.title;
  const zh = (compiled.document.language ?? '').startsWith('zh');
  if (zh) {
    return [
      `【项目进度周报】${project}`,
      `任务 ${tasks.length} 个：待开始 ${count('todo')}，进行中 ${count('in_progress')}，阻塞 ${count('blocked')}，已完成 ${count('done')}，已取消 ${count('cancelled')}`,
      `逾期：${names(overdue)}`,
      `阻塞：${names(blocked)}`,
      `本周完成：${names(finished)}`,
    ].join('\n');
  }
  return [
    `Weekly progress report: ${project}`,
    `${tasks.length} tasks: ${count('todo')} to do, ${count('in_progress')} in progress, ${count('blocked')} blocked, ${count('done')} done, ${count('cancelled')} cancelled`,
    `Overdue: ${names(overdue)}`,
    `Blocked: ${names(blocked)}`,
    `Finished this week: ${names(finished)}`,
  ].join('\n');
}
