import type { DocumentPath } from '../loader/document-path';
import { asMap, listItems, type SopIndex, type StepEntry } from './sop-index';

/** A duration or recurrence text and where it is written. */
export interface TimeText {
  readonly text: string;
  readonly path: DocumentPath;
}

/**
 * The timing of one piece of work: a human step itself, or the tasks of a tasks step
 * (`taskDefaults`). Reminders and escalation rungs count from its deadline.
 */
export interface WorkClock {
  readonly scope: 'step' | 'tasks';
  /** Where the deadline/reminders/escalation keys live. */
  readonly path: DocumentPath;
  readonly deadline: unknown;
  readonly reminders: unknown;
  readonly escalation: unknown;
}

/**
 * The clocks of a step: the step's own (form, tasks, approval) and, for a tasks step, the
 * per-task one from `taskDefaults`.
 *
 * @example
 * ```ts
 * listWorkClocks(progressStep).map((c) => c.scope); // ['step', 'tasks']
 * ```
 */
export function listWorkClocks(entry: StepEntry): WorkClock[] {
  const { step, path } = entry;
  const clocks: WorkClock[] = [
    { scope: 'step', path, deadline: step.deadline, reminders: step.reminders, escalation: step.escalation },
  ];
  const defaults = asMap(step.taskDefaults);
  if (entry.kind === 'tasks' && defaults) {
    clocks.push({
      scope: 'tasks',
      path: [...path, 'taskDefaults'],
      deadline: defaults.deadline,
      reminders: defaults.reminders,
      escalation: defaults.escalation,
    });
  }
  return clocks;
}

/**
 * Every duration text of an SOP: deadlines (and their `before`), wait `until`, reminder
 * `before`, escalation `after`, at step and task level.
 *
 * @example
 * ```ts
 * listDurations(index).map((d) => d.text); // ['24h', '4h', '0h', '24h', '2 business days', …]
 * ```
 */
export function listDurations(index: SopIndex): TimeText[] {
  const found: TimeText[] = [];
  const add = (value: unknown, path: DocumentPath) => {
    if (typeof value === 'string') found.push({ text: value, path });
  };
  const addDeadline = (value: unknown, path: DocumentPath) => {
    if (typeof value === 'string') add(value, path);
    else add(asMap(value)?.before, [...path, 'before']);
  };
  for (const entry of index.steps) {
    addDeadline(entry.step.until, [...entry.path, 'until']);
    for (const clock of listWorkClocks(entry)) {
      addDeadline(clock.deadline, [...clock.path, 'deadline']);
      for (const [reminder, i] of listItems(clock.reminders))
        add(asMap(reminder)?.before, [...clock.path, 'reminders', i, 'before']);
      for (const [rung, i] of listItems(clock.escalation))
        add(asMap(rung)?.after, [...clock.path, 'escalation', i, 'after']);
    }
    const acknowledge = asMap(asMap(entry.step.taskDefaults)?.acknowledge);
    add(acknowledge?.within, [...entry.path, 'taskDefaults', 'acknowledge', 'within']);
  }
  return found;
}

/**
 * Every recurrence text of an SOP: repeating reminders (`every`) and recurring obligations.
 *
 * @example
 * ```ts
 * listRecurrences(index).map((r) => r.text); // ['every working day at 10:00', 'every friday at 17:00']
 * ```
 */
export function listRecurrences(index: SopIndex): TimeText[] {
  const found: TimeText[] = [];
  for (const entry of index.steps) {
    for (const clock of listWorkClocks(entry)) {
      for (const [reminder, i] of listItems(clock.reminders)) {
        const every = asMap(reminder)?.every;
        if (typeof every === 'string')
          found.push({ text: every, path: [...clock.path, 'reminders', i, 'every'] });
      }
    }
    for (const [item, i] of listItems(entry.step.recurring)) {
      const every = asMap(item)?.every;
      if (typeof every === 'string')
        found.push({ text: every, path: [...entry.path, 'recurring', i, 'every'] });
    }
  }
  return found;
}

/**
 * Every `at:` field reference of deadlines and waits (`{ at: input.launchDate }`).
 *
 * @example
 * ```ts
 * listDeadlineFields(index).map((d) => d.text); // ['input.launchDate']
 * ```
 */
export function listDeadlineFields(index: SopIndex): TimeText[] {
  const found: TimeText[] = [];
  const add = (value: unknown, path: DocumentPath) => {
    const at = asMap(value)?.at;
    if (typeof at === 'string') found.push({ text: at, path: [...path, 'at'] });
  };
  for (const entry of index.steps) {
    add(entry.step.until, [...entry.path, 'until']);
    for (const clock of listWorkClocks(entry)) add(clock.deadline, [...clock.path, 'deadline']);
  }
  return found;
}
