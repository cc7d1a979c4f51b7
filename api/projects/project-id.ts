import { createHash } from 'node:crypto';

/**
 * The project (workflow) id of a kickoff: derived from its Idempotency-Key, so the same key always
 * names the same project and Temporal itself refuses a second one. The key is hashed, so ids never
 * leak what callers put in their keys and always fit Temporal's id rules.
 *
 * @example
 * projectIdFor('crm-order-8812'); // 'project-' + 32 hex characters
 */
export function projectIdFor(idempotencyKey: string): string {
  return `project-${createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 32)}`;
}
