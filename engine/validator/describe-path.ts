import type { DocumentPath } from '../loader/document-path';

/** Keys whose entries are named things: `steps.review` reads "step 'review'". */
const NAMED_ENTRIES: Readonly<Record<string, string>> = {
  steps: 'step',
  participants: 'participant',
  forms: 'form',
  regions: 'region',
  roles: 'role',
  properties: 'field',
};

/** Lists whose items are things: `reminders[0]` reads "reminder 1". */
const LIST_ITEMS: Readonly<Record<string, string>> = {
  reminders: 'reminder',
  escalation: 'escalation rung',
  routes: 'route',
  always: "'always' transition",
  recurring: 'recurring obligation',
  kpis: 'KPI',
  departments: 'department',
  users: 'user',
  holidays: 'holiday',
  workdays: 'make-up workday',
};

/** Entries that name themselves; whatever encloses them need not be said. */
const SELF_NAMED = new Set(['step', 'participant', 'form', 'KPI', 'department', 'user', 'role']);

/**
 * Names the node at `path` the way an author would, from the inside out:
 * `['steps', 'review', 'reminders', 0, 'notify']` → "'notify' of reminder 1 of step 'review'".
 * List items with an `id` are named by it (`KPI 'on-time-tasks'`, `user 'li.na'`).
 *
 * @example
 * ```ts
 * describePath(['steps', 'review', 'on', 'cancel'], doc, 'the SOP'); // "transition on 'cancel' of step 'review'"
 * describePath([], doc, 'the SOP'); // 'the SOP'
 * ```
 */
export function describePath(path: DocumentPath, data: unknown, whole: string): string {
  let phrases: string[] = [];
  let node = data;
  let parentKey: string | number | undefined;
  // True right after `on.<event>`: a list index there numbers the transitions of that event.
  let inTransitions = false;
  for (const segment of path) {
    const child = childOf(node, segment);
    const named = typeof parentKey === 'string' && isMapLike(node) ? NAMED_ENTRIES[parentKey] : undefined;
    if (typeof segment === 'number' && inTransitions) {
      const last = phrases.pop() ?? '';
      phrases.push(last.replace(/^transition/, `transition ${segment + 1}`));
    } else if (typeof segment === 'number') {
      phrases.pop();
      const singular = LIST_ITEMS[String(parentKey)];
      const id = idOf(child);
      if (!singular) phrases.push(`item ${segment + 1} of '${String(parentKey)}'`);
      else phrases.push(id ? `${singular} '${id}'` : `${singular} ${segment + 1}`);
      if (singular && id && SELF_NAMED.has(singular)) phrases = phrases.slice(-1);
    } else if (parentKey === 'on' && isMapLike(node)) {
      phrases.pop();
      phrases.push(`transition on '${segment}'`);
    } else if (named) {
      phrases.pop();
      phrases.push(`${named} '${segment}'`);
      if (SELF_NAMED.has(named)) phrases = phrases.slice(-1);
    } else {
      phrases.push(`'${segment}'`);
    }
    inTransitions = parentKey === 'on' && typeof segment === 'string';
    parentKey = segment;
    node = child;
  }
  return phrases.length === 0 ? whole : phrases.reverse().join(' of ');
}

function childOf(node: unknown, segment: string | number): unknown {
  if (Array.isArray(node) && typeof segment === 'number') return node[segment] as unknown;
  if (isMapLike(node)) return node[String(segment)];
  return undefined;
}

function idOf(node: unknown): string | undefined {
  return isMapLike(node) && typeof node.id === 'string' ? node.id : undefined;
}

function isMapLike(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}
