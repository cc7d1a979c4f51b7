import { describePath } from '../describe-path';
import type { SopCheck } from '../check-context';
import { compareDurations } from '../duration-order';
import type { Report } from '../reporter';
import { asMap, listItems, type SopIndex, type StepEntry } from '../sop-index';
import { listWorkClocks, type WorkClock } from '../step-timing';

const HUMAN_KINDS = new Set(['form', 'tasks', 'approval']);

/**
 * Deadlines and what hangs off them, for steps where a person acts:
 * - a form or approval step without a deadline (MISSING_DEADLINE, warning): nothing would
 *   ever chase the work. A tasks step needs none: every task has its own due date;
 * - a deadline without escalation (MISSING_ESCALATION, warning), for the step and for its tasks;
 * - escalation rungs or `before` reminders without a deadline to count from (TIMER_WITHOUT_DEADLINE);
 * - rungs not in increasing order of `after` (ESCALATION_ORDER);
 * - a reminder `before` longer than the deadline (REMINDER_TOO_EARLY, warning).
 *
 * @example
 * ```ts
 * checkDeadlines(indexSop(doc), report, {}); // MISSING_ESCALATION for `deadline: 24h` alone
 * ```
 */
export const checkDeadlines: SopCheck = (index, report) => {
  for (const entry of index.steps) {
    if (!entry.kind || !HUMAN_KINDS.has(entry.kind)) continue;
    for (const clock of listWorkClocks(entry)) {
      checkClock(index, entry, clock, report);
      checkLadderOrder(index, clock, report);
      checkReminderLeads(index, clock, report);
    }
    if (entry.kind === 'tasks' && !asMap(entry.step.taskDefaults)) {
      report({
        code: 'MISSING_ESCALATION',
        path: entry.path,
        message: `the tasks of step '${entry.id}' have due dates, but nothing happens when one is overdue`,
        hint: "add 'taskDefaults: { escalation: [{ after: 0h, notify: [task.owner, task.leadHead] }] }'",
      });
    }
  }
};

function checkClock(index: SopIndex, entry: StepEntry, clock: WorkClock, report: Report): void {
  const ladder = listItems(clock.escalation);
  const leadReminders = listItems(clock.reminders).filter(([r]) => asMap(r)?.before !== undefined);
  // Tasks always have a due date (their own, or taskDefaults.deadline), so only the step counts here.
  const hasDeadline = clock.deadline !== undefined || clock.scope === 'tasks';
  const what = clock.scope === 'tasks' ? `the tasks of step '${entry.id}'` : `step '${entry.id}'`;

  if (!hasDeadline && (ladder.length > 0 || leadReminders.length > 0)) {
    const [, first] = ladder[0] ?? leadReminders[0] ?? [undefined, 0];
    const list = ladder.length > 0 ? 'escalation' : 'reminders';
    report({
      code: 'TIMER_WITHOUT_DEADLINE',
      path: [...clock.path, list, first],
      message: `${describePath([...clock.path, list, first], index.doc, 'the SOP')} counts from the deadline, but ${what} has no deadline, so it never fires`,
      hint: "add a 'deadline:' to the step, e.g. deadline: 24h",
    });
    return;
  }
  if (!hasDeadline && entry.kind !== 'tasks') {
    report({
      code: 'MISSING_DEADLINE',
      path: entry.path,
      message: `step '${entry.id}' waits for a person but has no deadline, so nobody is reminded or escalated to if it stalls`,
      hint: "add e.g. 'deadline: 24h' or 'deadline: 2 business days', with an escalation ladder",
    });
    return;
  }
  // A tasks step without a step deadline: its tasks' clocks are checked on their own.
  if (!hasDeadline || ladder.length > 0) return;
  report({
    code: 'MISSING_ESCALATION',
    path: clock.scope === 'tasks' ? clock.path : [...clock.path, 'deadline'],
    message:
      clock.scope === 'tasks'
        ? `the tasks of step '${entry.id}' have due dates, but nothing happens when one is overdue`
        : `step '${entry.id}' has a deadline, but nothing happens when it passes`,
    hint: "add an escalation ladder, e.g. 'escalation: [{ after: 0h, notify: [assignee] }]'",
  });
}

function checkLadderOrder(index: SopIndex, clock: WorkClock, report: Report): void {
  const afters = listItems(clock.escalation).map(([rung, i]) => ({ after: asMap(rung)?.after, i }));
  for (let k = 1; k < afters.length; k++) {
    const previous = afters[k - 1]!;
    const current = afters[k]!;
    if (typeof previous.after !== 'string' || typeof current.after !== 'string') continue;
    const order = compareDurations(previous.after, current.after);
    if (order === undefined || order < 0) continue;
    const path = [...clock.path, 'escalation', current.i, 'after'];
    report({
      code: 'ESCALATION_ORDER',
      path,
      message: `${describePath([...clock.path, 'escalation', current.i], index.doc, 'the SOP')} fires after '${current.after}', which is not later than rung ${previous.i + 1} ('${previous.after}')`,
      hint: "order the rungs by 'after', from the earliest to the latest, each later than the one before",
    });
  }
}

function checkReminderLeads(index: SopIndex, clock: WorkClock, report: Report): void {
  if (typeof clock.deadline !== 'string') return;
  for (const [reminder, i] of listItems(clock.reminders)) {
    const before = asMap(reminder)?.before;
    if (typeof before !== 'string') continue;
    const order = compareDurations(before, clock.deadline);
    if (order === undefined || order <= 0) continue;
    report({
      code: 'REMINDER_TOO_EARLY',
      path: [...clock.path, 'reminders', i, 'before'],
      message: `${describePath([...clock.path, 'reminders', i], index.doc, 'the SOP')} comes '${before}' before a deadline that is only '${clock.deadline}' away, so it would be due before the work even starts`,
      hint: `use a 'before' shorter than '${clock.deadline}'`,
    });
  }
}
