import type { ProjectView } from '../../workflows/project-view';

/** What the policy needs to know about one project to decide who may read or act on it. */
export interface ProjectFacts {
  readonly id: string;
  /** Who kicked it off (absent for projects started before owners were recorded). */
  readonly owner?: string;
  /** Everyone the project involves: participants, assignees, task owners and collaborators. */
  readonly members: readonly string[];
  /** Participant name → user ids, as resolved at kickoff. */
  readonly participants: Readonly<Record<string, readonly string[]>>;
  /** The lead department and every department a task leads or collaborates in. */
  readonly departments: readonly string[];
  /** The current approvers of each active approval step. */
  readonly approvers: Readonly<Record<string, readonly string[]>>;
  readonly ended: boolean;
}

/**
 * The facts of a project from its state view and the owner/lead department its kickoff recorded.
 *
 * @example
 * const facts = projectFacts('project-3f…', view, { owner: 'he.yun', leadDepartment: 'marketing' });
 */
export function projectFacts(
  id: string,
  view: ProjectView,
  kickoff: { readonly owner?: string; readonly leadDepartment?: string },
): ProjectFacts {
  const taskPeople = view.tasks.flatMap((t) => [t.owner, ...t.collaborators]);
  const assignees = view.activeSteps.flatMap((s) => s.assignees);
  const participants = view.participants ?? {};
  const departments = [
    ...(kickoff.leadDepartment ? [kickoff.leadDepartment] : []),
    ...view.tasks.flatMap((t) => [t.leadDepartment, ...t.collaboratingDepartments]),
  ];
  return {
    id,
    ...(kickoff.owner ? { owner: kickoff.owner } : {}),
    members: [
      ...new Set([
        ...(kickoff.owner ? [kickoff.owner] : []),
        ...view.members,
        ...Object.values(participants).flat(),
        ...assignees,
        ...taskPeople,
      ]),
    ],
    participants,
    departments: [...new Set(departments)],
    approvers: Object.fromEntries(
      view.activeSteps.filter((s) => s.kind === 'approval').map((s) => [s.id, s.assignees]),
    ),
    ended: view.status !== 'active',
  };
}
