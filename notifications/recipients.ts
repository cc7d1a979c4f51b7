import type { OrgDirectory } from '../engine/model/org';
import type { Recipient } from './channels/channel-delivery';

/**
 * The recipients of a notification, looked up in the org directory the worker loaded. Someone
 * the directory no longer knows (left since the project started) keeps their id as name and gets
 * no email, rather than failing the delivery to everyone else.
 *
 * @example
 * lookUpRecipients(org, ['li.na']); // [{ id: 'li.na', name: '李娜', email: 'li.na@example.com' }]
 */
export function lookUpRecipients(org: OrgDirectory | undefined, ids: readonly string[]): Recipient[] {
  const users = new Map((org?.users ?? []).map((u) => [u.id, u]));
  return ids.map((id) => {
    const user = users.get(id);
    return { id, name: user?.name ?? id, ...(user?.email ? { email: user.email } : {}) };
  });
}
