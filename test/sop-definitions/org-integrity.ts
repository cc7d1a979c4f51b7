import type { OrgDirectory, OrgUser } from '../../engine/model/org';

/**
 * Integrity checks of an org directory, as plain messages (empty when the directory is sound).
 * Kept apart from the tests so they can run it on the shipped file and on broken copies.
 */
export function checkOrgIntegrity(org: OrgDirectory): string[] {
  const problems: string[] = [];
  const users = new Map<string, OrgUser>();
  for (const user of org.users) {
    if (users.has(user.id)) problems.push(`user '${user.id}' is listed twice`);
    users.set(user.id, user);
  }
  const departments = new Set<string>();
  for (const department of org.departments) {
    if (departments.has(department.id)) problems.push(`department '${department.id}' is listed twice`);
    departments.add(department.id);
    const head = users.get(department.head);
    if (!head)
      problems.push(`head '${department.head}' of department '${department.id}' is not a known user`);
    else if (head.department !== department.id) {
      problems.push(`head '${head.id}' of department '${department.id}' belongs to '${head.department}'`);
    }
  }
  for (const user of org.users) {
    if (!departments.has(user.department)) {
      problems.push(`user '${user.id}' belongs to unknown department '${user.department}'`);
    }
    if (user.manager !== undefined && !users.has(user.manager)) {
      problems.push(`manager '${user.manager}' of user '${user.id}' is not a known user`);
    }
    for (const role of user.roles ?? []) {
      if (!Object.hasOwn(org.roles, role))
        problems.push(`role '${role}' of user '${user.id}' is not declared`);
    }
  }
  const tops = org.users.filter((user) => user.manager === undefined);
  if (tops.length !== 1) {
    problems.push(
      `expected exactly one user without a manager, found ${tops.length}: ${tops.map((u) => u.id).join(', ')}`,
    );
  }
  for (const user of org.users) {
    const chain = managerChain(org, user.id);
    if (chain.cycle) problems.push(`manager chain of '${user.id}' loops: ${chain.ids.join(' → ')}`);
  }
  return problems;
}

/** The chain from a user up to the top (the user first), and whether it runs into a loop. */
export function managerChain(org: OrgDirectory, userId: string): { ids: string[]; cycle: boolean } {
  const byId = new Map(org.users.map((user) => [user.id, user]));
  const ids: string[] = [];
  let current: string | undefined = userId;
  while (current !== undefined) {
    if (ids.includes(current)) return { ids: [...ids, current], cycle: true };
    ids.push(current);
    current = byId.get(current)?.manager;
  }
  return { ids, cycle: false };
}

/** The manager `levels` steps up from a user (what `managerOf: …, levels: n` resolves to). */
export function managerAt(org: OrgDirectory, userId: string, levels: number): string | undefined {
  const { ids, cycle } = managerChain(org, userId);
  return cycle ? undefined : ids[levels];
}
