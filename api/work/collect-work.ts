import type { OrgDirectory } from '../../engine/model/org';
import type { ProjectView } from '../../workflows/project-view';

/** One thing someone should do: a task, a form to fill, an approval to decide. */
export interface WorkItem {
  readonly project: string;
  readonly sop: string;
  readonly kind: 'task' | 'form' | 'approval' | 'step';
  readonly step: string;
  readonly task?: string;
  readonly title: string;
  readonly assignees: readonly string[];
  readonly status?: string;
  readonly dueAt?: string;
  readonly overdue: boolean;
  readonly accepts?: readonly string[];
  readonly links: { readonly project: string };
}

/** Whose work: one user, or everyone in a department. */
export type WorkScope = { readonly user: string } | { readonly department: string };

const OPEN_TASK = new Set(['todo', 'in_progress', 'blocked']);

function matcher(scope: WorkScope, org: OrgDirectory): (user: string) => boolean {
  if ('user' in scope) return (user) => user === scope.user;
  const members = new Set(org.users.filter((u) => u.department === scope.department).map((u) => u.id));
  return (user) => members.has(user);
}

function stepItems(
  project: string,
  view: ProjectView,
  mine: (u: string) => boolean,
  approvals: boolean,
): WorkItem[] {
  const links = { project: `/projects/${encodeURIComponent(project)}` };
  return view.activeSteps
    .filter((s) => (s.kind === 'approval') === approvals && s.kind !== 'tasks' && s.assignees.some(mine))
    .map((s): WorkItem => ({
      project,
      sop: view.sop.id,
      kind: s.kind === 'approval' ? 'approval' : s.kind === 'form' ? 'form' : 'step',
      step: s.id,
      title: s.title,
      assignees: s.assignees,
      ...(s.dueAt ? { dueAt: s.dueAt } : {}),
      overdue: s.overdue,
      accepts: s.accepts,
      links,
    }));
}

/**
 * The open work of a scope in one project: open tasks owned or shared by it (or led by the
 * department), and active steps waiting on it — approvals when `approvals` is true, the rest
 * otherwise. Pure: the route gathers the views.
 *
 * @example
 * collectWork('project-1', view, { user: 'sun.peng' }, org, false); // [{ kind: 'task', task: 't1', … }]
 */
export function collectWork(
  project: string,
  view: ProjectView,
  scope: WorkScope,
  org: OrgDirectory,
  approvals: boolean,
): WorkItem[] {
  if (view.status !== 'active') return [];
  const mine = matcher(scope, org);
  const steps = stepItems(project, view, mine, approvals);
  if (approvals) return steps;
  const department = 'department' in scope ? scope.department : undefined;
  const tasks = view.tasks
    .filter((t) => OPEN_TASK.has(t.status))
    .filter((t) =>
      department !== undefined ? t.leadDepartment === department : [t.owner, ...t.collaborators].some(mine),
    )
    .map((t): WorkItem => ({
      project,
      sop: view.sop.id,
      kind: 'task',
      step: t.step,
      task: t.id,
      title: t.name,
      assignees: [t.owner, ...t.collaborators],
      status: t.status,
      dueAt: t.dueAt,
      overdue: t.overdue,
      links: { project: `/projects/${encodeURIComponent(project)}` },
    }));
  return [...tasks, ...steps];
}
