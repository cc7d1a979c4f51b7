import { suggest, type SopCheck } from '../check-context';

/**
 * With the org directory at hand: the owning department, `headOf` departments, `role`s and
 * `user`s of participants must exist in it.
 *
 * @example
 * ```ts
 * checkOrgReferences(indexSop(doc), report, { org }); // UNKNOWN_DEPARTMENT for `owner: marketting`
 * ```
 */
export const checkOrgReferences: SopCheck = (index, report, { org }) => {
  if (!org) return;
  const departments = org.departments.map((d) => d.id);
  const roles = Object.keys(org.roles);
  const users = org.users.map((u) => u.id);

  const owner = index.doc.owner;
  if (typeof owner === 'string' && owner !== '' && !departments.includes(owner)) {
    report({
      code: 'UNKNOWN_DEPARTMENT',
      path: ['owner'],
      message: `owner '${owner}' is not a department of the org directory`,
      hint: suggest(owner, departments, 'the departments'),
    });
  }
  for (const [name, spec] of index.participants) {
    const { headOf, role, user } = spec;
    if (typeof headOf === 'string' && !headOf.startsWith('input.') && !departments.includes(headOf)) {
      report({
        code: 'UNKNOWN_DEPARTMENT',
        path: ['participants', name, 'headOf'],
        message: `participant '${name}' is the head of '${headOf}', which is not a department of the org directory`,
        hint: `${suggest(headOf, departments, 'the departments')}; or 'input.<field>' to take it from the kickoff input`,
      });
    }
    if (typeof role === 'string' && !roles.includes(role)) {
      report({
        code: 'UNKNOWN_ROLE',
        path: ['participants', name, 'role'],
        message: `participant '${name}' is everyone with role '${role}', which the org directory does not declare`,
        hint: suggest(role, roles, 'the roles'),
      });
    }
    if (typeof user === 'string' && !users.includes(user)) {
      report({
        code: 'UNKNOWN_USER',
        path: ['participants', name, 'user'],
        message: `participant '${name}' is user '${user}', who is not in the org directory`,
        hint: suggest(user, users, 'the users'),
      });
    }
  }
};
