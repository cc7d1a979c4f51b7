import type { OrgDirectory } from '../../engine/model/org';

/**
 * Who is calling: a person (or a system account) from the org directory, with the roles and
 * department the authorization policy reads. Built by authentication, read by every route.
 */
export interface Principal {
  /** The org directory's user id. */
  readonly id: string;
  readonly name: string;
  readonly department: string;
  /** Org roles plus any roles the token grants. */
  readonly roles: readonly string[];
  /** The departments this person heads. */
  readonly heads: readonly string[];
  /** The user ids that report to this person directly or further down the chain. */
  readonly reports: readonly string[];
  /** How the caller proved who they are. */
  readonly authenticatedBy: 'api-key' | 'jwt';
}

/** Every person below `managerId` in the manager chain, nearest first. */
function reportsOf(org: OrgDirectory, managerId: string): string[] {
  const found: string[] = [];
  const queue = [managerId];
  while (queue.length > 0) {
    const manager = queue.shift()!;
    for (const user of org.users) {
      if (user.manager === manager && !found.includes(user.id)) {
        found.push(user.id);
        queue.push(user.id);
      }
    }
  }
  return found;
}

/**
 * The principal for an org user, or undefined when the directory does not know the id (an
 * unknown subject is refused: every decision needs a department and roles).
 *
 * @example
 * principalFor(org, 'li.na', [], 'jwt')?.heads; // ['marketing']
 */
export function principalFor(
  org: OrgDirectory,
  userId: string,
  extraRoles: readonly string[],
  authenticatedBy: Principal['authenticatedBy'],
): Principal | undefined {
  const user = org.users.find((u) => u.id === userId);
  if (!user) return undefined;
  return {
    id: user.id,
    name: user.name,
    department: user.department,
    roles: [...new Set([...(user.roles ?? []), ...extraRoles])],
    heads: org.departments.filter((d) => d.head === user.id).map((d) => d.id),
    reports: reportsOf(org, user.id),
    authenticatedBy,
  };
}
