import type { CompiledSop } from '../engine/model/compiled';
import { activeSteps } from '../engine/runtime/active-steps';
import type { SopContext } from '../engine/runtime/context';
import { leadDepartmentOf } from './search-attribute-updates';

/**
 * What the API's policy needs to know about a project, and nothing more: cheap to compute, so
 * checking who may act costs a small query rather than the whole state view. Pure.
 */
export interface AccessFacts {
  readonly status: string;
  readonly members: readonly string[];
  readonly participants: Readonly<Record<string, readonly string[]>>;
  /** The lead department (kickoff input or SOP owner) first, then every task's departments. */
  readonly departments: readonly string[];
  /** Active step → its assignees, for every active step. */
  readonly assignees: Readonly<Record<string, readonly string[]>>;
  /** Active approval step → its current approvers. */
  readonly approvers: Readonly<Record<string, readonly string[]>>;
}

/**
 * The access facts of a project's snapshot.
 *
 * @example
 * accessFacts(compiled, driver.snapshot, args.start.input).approvers; // { majorHeadApproval: ['zhao.lei'] }
 */
export function accessFacts(
  compiled: CompiledSop,
  snapshot: { status: string; value: unknown; context: unknown },
  input: Readonly<Record<string, unknown>>,
): AccessFacts {
  const context = snapshot.context as SopContext;
  const active = snapshot.status === 'active' ? activeSteps(compiled, snapshot.value) : [];
  const kinds = new Map(compiled.steps.map((s) => [s.id, s.kind]));
  const lead = leadDepartmentOf(compiled, input);
  const tasks = Object.values(context.tasks).flat();
  const assignees = Object.fromEntries(active.map((id) => [id, context.assignees[id] ?? []]));
  return {
    status: snapshot.status,
    members: [
      ...new Set([
        ...context.members,
        ...Object.values(context.people).flat(),
        ...Object.values(assignees).flat(),
        ...tasks.flatMap((t) => [t.owner, ...t.collaborators]),
      ]),
    ],
    participants: context.people,
    departments: [
      ...new Set([lead, ...tasks.flatMap((t) => [t.leadDepartment, ...t.collaboratingDepartments])]),
    ],
    assignees,
    approvers: Object.fromEntries(
      active.filter((id) => kinds.get(id) === 'approval').map((id) => [id, assignees[id] ?? []]),
    ),
  };
}
