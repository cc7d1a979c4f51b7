import type { DocumentPath } from '../loader/document-path';
import { asMap, listItems, type StepEntry } from './sop-index';
import { listTransitions } from './step-transitions';
import { listWorkClocks } from './step-timing';

/** A reference to people (a participant name or a built-in) and where it is written. */
export interface PeopleRef {
  readonly ref: string;
  readonly path: DocumentPath;
}

/**
 * Every people reference of a step: `assignee`, `notify` lists (reminders, escalation rungs,
 * recurring obligations, notify steps, `needsHelp`), escalation `reassign`, and transition `by`.
 *
 * @example
 * ```ts
 * listPeopleRefs(entry).map((r) => r.ref); // ['initiator', 'assignee', 'assignee', 'marketingHead', …]
 * ```
 */
export function listPeopleRefs(entry: StepEntry): PeopleRef[] {
  const refs: PeopleRef[] = [];
  const one = (value: unknown, path: DocumentPath) => {
    if (typeof value === 'string') refs.push({ ref: value, path });
  };
  const many = (value: unknown, path: DocumentPath) => {
    for (const [item, i] of listItems(value)) one(item, [...path, i]);
  };
  const { step, path } = entry;
  one(step.assignee, [...path, 'assignee']);
  if (entry.kind === 'approval') {
    many(step.approvers, [...path, 'approvers']);
    one(step.requester, [...path, 'requester']);
    one(step.approvalAdmin, [...path, 'approvalAdmin']);
    many(step.cc, [...path, 'cc']);
  }
  if (entry.kind === 'notify') many(step.notify, [...path, 'notify']);
  many(asMap(step.needsHelp)?.notify, [...path, 'needsHelp', 'notify']);
  for (const clock of listWorkClocks(entry)) {
    for (const [reminder, i] of listItems(clock.reminders)) {
      many(asMap(reminder)?.notify, [...clock.path, 'reminders', i, 'notify']);
    }
    for (const [rung, i] of listItems(clock.escalation)) {
      many(asMap(rung)?.notify, [...clock.path, 'escalation', i, 'notify']);
      one(asMap(rung)?.reassign, [...clock.path, 'escalation', i, 'reassign']);
    }
  }
  for (const [item, i] of listItems(step.recurring)) {
    many(asMap(item)?.notify, [...path, 'recurring', i, 'notify']);
    const expect = asMap(asMap(item)?.expect);
    many(expect?.from, [...path, 'recurring', i, 'expect', 'from']);
    many(asMap(expect?.ifMissed)?.notify, [...path, 'recurring', i, 'expect', 'ifMissed', 'notify']);
  }
  many(asMap(asMap(step.taskDefaults)?.acknowledge)?.notify, [
    ...path,
    'taskDefaults',
    'acknowledge',
    'notify',
  ]);
  for (const transition of listTransitions(entry)) {
    if (typeof transition.spec !== 'string') many(transition.spec.by, [...transition.path, 'by']);
  }
  return refs;
}
