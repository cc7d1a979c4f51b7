/**
 * Small pieces of the plain-English sentences in audit summaries, so every summary names people,
 * steps and tasks the same way.
 */
import type { AuditActor } from './audit-entry';

/** Longest quoted free text (a comment, a message) kept inside a one-sentence summary. */
const MAX_QUOTE = 160;

/**
 * Free text on one line and at most {@link MAX_QUOTE} characters, so a summary stays one
 * sentence; the full text stays in the entry's `reason` or `after`.
 *
 * @example
 * clip('line one\nline two'); // => 'line one / line two'
 */
export function clip(text: string, max: number = MAX_QUOTE): string {
  const oneLine = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' / ');
  const chars = [...oneLine];
  return chars.length <= max ? oneLine : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Quoted free text: `“同意”`.
 *
 * @example
 * quote('please add a rollback plan'); // => '“please add a rollback plan”'
 */
export function quote(text: string): string {
  return `“${clip(text)}”`;
}

/**
 * Who acted, as a summary names them.
 *
 * @example
 * actorName({ user: 'an.qi', onBehalfOf: 'li.na' }); // => 'an.qi (on behalf of li.na)'
 */
export function actorName(actor: AuditActor): string {
  const name = actor.onBehalfOf ? `${actor.user} (on behalf of ${actor.onBehalfOf})` : actor.user;
  return actor.via ? `${name} via ${actor.via}` : name;
}

/**
 * People in a sentence: `a`, `a and b`, `a, b and c`; `nobody` for none.
 *
 * @example
 * listPeople(['he.yun', 'li.na', 'zhao.lei']); // => 'he.yun, li.na and zhao.lei'
 */
export function listPeople(users: readonly string[]): string {
  if (users.length === 0) return 'nobody';
  if (users.length === 1) return users[0] ?? '';
  return `${users.slice(0, -1).join(', ')} and ${users[users.length - 1] ?? ''}`;
}

/**
 * A step as a summary names it.
 *
 * @example
 * stepName('review'); // => "step 'review'"
 */
export function stepName(step: string): string {
  return `step '${step}'`;
}

/**
 * A task as a summary names it, with its title when the trail knows it.
 *
 * @example
 * taskName('t1', 'Landing page'); // => "task t1 'Landing page'"
 */
export function taskName(task: string, title?: string): string {
  return title ? `task ${task} '${title}'` : `task ${task}`;
}

/**
 * The top-level field names of submitted data, for "(fields: a, b)"; empty when it has none.
 *
 * @example
 * fieldNames({ amount: 120, reason: 'taxi' }); // => 'amount, reason'
 */
export function fieldNames(data: unknown): string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return '';
  return Object.keys(data).join(', ');
}
