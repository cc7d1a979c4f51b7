import type { OrgDirectory } from '../model/org';
import type { ParticipantSpec, SopDocument } from '../model/sop';
import type { OrgSnapshot, SopContext, TaskState } from './context';

/** The parts of the org directory a project keeps, so participants resolve without I/O. */
export function snapshotOrg(org: OrgDirectory): OrgSnapshot {
  const heads: Record<string, string> = {};
  for (const department of org.departments) heads[department.id] = department.head;
  const users: Record<string, { department: string; manager?: string; name: string }> = {};
  const roles: Record<string, string[]> = {};
  for (const user of org.users) {
    for (const role of user.roles ?? []) (roles[role] ??= []).push(user.id);
    users[user.id] = {
      department: user.department,
      name: user.name,
      ...(user.manager ? { manager: user.manager } : {}),
    };
  }
  for (const holders of Object.values(roles)) holders.sort();
  return { heads, users, roles };
}

/** Thrown when a participant cannot be resolved at kickoff; the message says which and why. */
export class ParticipantResolutionError extends Error {
  override readonly name = 'ParticipantResolutionError';
  constructor(
    readonly participant: string,
    readonly reason: string,
  ) {
    super(`[PARTICIPANT_UNRESOLVED] participant '${participant}' cannot be resolved: ${reason}`);
  }
}

function userIdsFromValue(value: unknown): string[] {
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return [];
}

/** Reads `a.b.c` from an object; `undefined` when any part is missing. */
export function readPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function walkUp(org: OrgSnapshot, user: string, levels: number): string | undefined {
  let current: string | undefined = user;
  for (let i = 0; i < levels && current !== undefined; i++) current = org.users[current]?.manager;
  return current;
}

/** Headed department ids of a `headOf` value: a department id or `input.<field>`. */
function departmentsOf(value: string, input: Readonly<Record<string, unknown>>): string[] {
  if (value.startsWith('input.')) return userIdsFromValue(readPath(input, value.slice('input.'.length)));
  return [value];
}

/**
 * Resolves every declared participant (except those that depend on a task) to user ids.
 * Participants are resolved once, at kickoff; later org changes do not affect a running project.
 *
 * @example
 * resolveParticipants(doc, snapshotOrg(org), { projectManager: 'wang.qiang' }).pm // ['wang.qiang']
 */
export function resolveParticipants(
  doc: SopDocument,
  org: OrgSnapshot,
  input: Readonly<Record<string, unknown>>,
): Record<string, string[]> {
  const people: Record<string, string[]> = {};
  const specs = doc.participants ?? {};
  const taskBound = new Set(Object.keys(taskBoundAliases(doc)));
  const resolving = new Set<string>();
  const resolve = (name: string): string[] => {
    const known = people[name];
    if (known) return known;
    const spec: ParticipantSpec | undefined = specs[name];
    if (!spec) throw new ParticipantResolutionError(name, 'it is not declared under participants');
    if (resolving.has(name))
      throw new ParticipantResolutionError(name, 'its managerOf chain refers back to itself');
    resolving.add(name);
    const users = resolveSpec(name, spec);
    resolving.delete(name);
    people[name] = users;
    return users;
  };
  const resolveSpec = (name: string, spec: ParticipantSpec): string[] => {
    if ('user' in spec) {
      if (!org.users[spec.user])
        throw new ParticipantResolutionError(name, `user '${spec.user}' is not in the org directory`);
      return [spec.user];
    }
    if ('role' in spec) {
      const holders = org.roles[spec.role] ?? [];
      if (holders.length === 0)
        throw new ParticipantResolutionError(name, `nobody holds the role '${spec.role}'`);
      return [...holders];
    }
    if ('headOf' in spec) {
      return departmentsOf(spec.headOf, input).map((department) => {
        const head = org.heads[department];
        if (!head)
          throw new ParticipantResolutionError(
            name,
            `department '${department}' has no head in the org directory`,
          );
        return head;
      });
    }
    if ('managerOf' in spec) {
      if (taskBound.has(name)) return [];
      const base = resolve(spec.managerOf);
      return base.map((user) => {
        const manager = walkUp(org, user, spec.levels);
        if (!manager) {
          throw new ParticipantResolutionError(name, `'${user}' has no manager ${spec.levels} level(s) up`);
        }
        return manager;
      });
    }
    const users = userIdsFromValue(readPath(input, spec.fromInput));
    if (users.length === 0)
      throw new ParticipantResolutionError(name, `the kickoff input has no user id at '${spec.fromInput}'`);
    const unknown = users.find((user) => !org.users[user]);
    if (unknown !== undefined) {
      throw new ParticipantResolutionError(
        name,
        `user '${unknown}' (input field '${spec.fromInput}') is not in the org directory`,
      );
    }
    return users;
  };
  for (const name of Object.keys(specs).sort()) if (!taskBound.has(name)) resolve(name);
  return people;
}

/**
 * Participants defined from a task (`managerOf: task.owner`, or a manager of such a participant)
 * cannot be resolved at kickoff: they become references resolved per task, e.g.
 * `{ ownerBoss: 'task.owner.manager.manager' }`.
 */
export function taskBoundAliases(doc: SopDocument): Record<string, string> {
  const specs = doc.participants ?? {};
  const aliases: Record<string, string> = {};
  const aliasOf = (name: string, depth = 0): string | undefined => {
    const spec = specs[name];
    if (!spec || !('managerOf' in spec) || depth > 20) return undefined;
    const base = spec.managerOf === 'task.owner' ? 'task.owner' : aliasOf(spec.managerOf, depth + 1);
    return base === undefined ? undefined : base + MANAGER_SUFFIX.repeat(spec.levels);
  };
  for (const name of Object.keys(specs).sort()) {
    const alias = aliasOf(name);
    if (alias !== undefined) aliases[name] = alias;
  }
  return aliases;
}

/** Where a reference is being resolved: the step, and the task when inside a tasks step. */
export interface RefScope {
  readonly step: string;
  readonly task?: TaskState;
}

function unique(users: readonly string[]): string[] {
  return [...new Set(users)];
}

/**
 * Resolves SOP participant references (`pm`, `assignee`, `task.leadHead`, …) to user ids,
 * deduplicated, in the order written.
 */
export function resolveRefs(refs: readonly string[], context: SopContext, scope: RefScope): string[] {
  const out: string[] = [];
  for (const ref of refs) out.push(...resolveRef(ref, context, scope));
  return unique(out);
}

const MANAGER_SUFFIX = '.manager';

function resolveRef(ref: string, context: SopContext, scope: RefScope): readonly string[] {
  // `pm.manager.manager`: the base reference's people, each walked up the manager chain.
  if (ref.endsWith(MANAGER_SUFFIX)) {
    const base = resolveRef(ref.slice(0, -MANAGER_SUFFIX.length), context, scope);
    return base.map((user) => context.org.users[user]?.manager).filter((m): m is string => m !== undefined);
  }
  const alias = context.aliases?.[ref];
  if (alias !== undefined) return resolveRef(alias, context, scope);
  const task = scope.task;
  switch (ref) {
    case 'assignee':
      return context.assignees[scope.step] ?? [];
    case 'members':
      return context.members;
    case 'task.owner':
      return task ? [task.owner] : [];
    case 'task.collaborators':
      return task ? task.collaborators : [];
    case 'task.leadHead':
      return task ? headsOf([task.leadDepartment], context.org) : [];
    case 'task.collaboratingHeads':
      return task ? headsOf(task.collaboratingDepartments, context.org) : [];
    default:
      return context.people[ref] ?? [];
  }
}

function headsOf(departments: readonly string[], org: OrgSnapshot): string[] {
  return departments.map((d) => org.heads[d]).filter((h): h is string => h !== undefined);
}
