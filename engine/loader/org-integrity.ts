import type { OrgDirectory } from '../model/org';
import { suggest } from '../validator/check-context';
import type { Report } from '../validator/reporter';

/**
 * The org directory must hold together, since SOPs and running projects resolve people
 * through it: unique department and user ids (ORG_DUPLICATE_ID); departments, heads, managers
 * and roles that exist (ORG_UNKNOWN_REFERENCE); manager chains without loops (ORG_MANAGER_CYCLE).
 *
 * @example
 * ```ts
 * checkOrgIntegrity(org, report); // ORG_UNKNOWN_REFERENCE for a head who is not a user
 * ```
 */
export function checkOrgIntegrity(org: OrgDirectory, report: Report): void {
  const departmentIds = org.departments.map((d) => d.id);
  const userIds = org.users.map((u) => u.id);
  const roleIds = Object.keys(org.roles);
  reportDuplicates(departmentIds, 'departments', 'department', report);
  reportDuplicates(userIds, 'users', 'user', report);

  org.departments.forEach((department, i) => {
    if (userIds.includes(department.head)) return;
    report({
      code: 'ORG_UNKNOWN_REFERENCE',
      path: ['departments', i, 'head'],
      message: `the head of department '${department.id}' is '${department.head}', who is not among the users`,
      hint: suggest(department.head, userIds, 'the users'),
    });
  });
  org.users.forEach((user, i) => {
    if (!departmentIds.includes(user.department)) {
      report({
        code: 'ORG_UNKNOWN_REFERENCE',
        path: ['users', i, 'department'],
        message: `user '${user.id}' belongs to department '${user.department}', which is not among the departments`,
        hint: suggest(user.department, departmentIds, 'the departments'),
      });
    }
    if (user.manager !== undefined && !userIds.includes(user.manager)) {
      report({
        code: 'ORG_UNKNOWN_REFERENCE',
        path: ['users', i, 'manager'],
        message: `the manager of user '${user.id}' is '${user.manager}', who is not among the users`,
        hint: suggest(user.manager, userIds, 'the users'),
      });
    }
    (user.roles ?? []).forEach((role, j) => {
      if (roleIds.includes(role)) return;
      report({
        code: 'ORG_UNKNOWN_REFERENCE',
        path: ['users', i, 'roles', j],
        message: `user '${user.id}' holds role '${role}', which is not declared under 'roles'`,
        hint: suggest(role, roleIds, 'the roles'),
      });
    });
  });
  reportManagerLoops(org, report);
}

function reportDuplicates(ids: readonly string[], list: string, what: string, report: Report): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (!seen.has(id)) {
      seen.add(id);
      return;
    }
    report({
      code: 'ORG_DUPLICATE_ID',
      path: [list, i, 'id'],
      message: `${what} id '${id}' is used twice`,
      hint: `every ${what} needs its own id`,
    });
  });
}

function reportManagerLoops(org: OrgDirectory, report: Report): void {
  const managerOf = new Map(org.users.map((u) => [u.id, u.manager]));
  const reported = new Set<string>();
  org.users.forEach((user, i) => {
    const chain: string[] = [];
    let current: string | undefined = user.id;
    while (current !== undefined && !chain.includes(current)) {
      chain.push(current);
      current = managerOf.get(current);
    }
    if (current === undefined || current !== user.id || reported.has(user.id)) return;
    chain.forEach((id) => reported.add(id));
    report({
      code: 'ORG_MANAGER_CYCLE',
      path: ['users', i, 'manager'],
      message: `the managers of ${chain.map((id) => `'${id}'`).join(' → ')} → '${user.id}' go round in a loop`,
      hint: 'every chain of managers must end at someone without a manager (the top of the organisation)',
    });
  });
}
