/**
 * Who may do what, above the engine's own per-step rules (which still decide whether *this*
 * person may submit *this* form now). Pure: the routes gather the facts, this decides, and every
 * "no" carries a reason a person can act on. See docs/security.md for the matrix.
 */
import type { Principal } from '../auth/principal';
import type { ProjectFacts } from './project-facts';

export const ROLES = {
  opsAdmin: 'ops-admin',
  auditor: 'auditor',
  projectManager: 'project-manager',
  integration: 'integration',
  monitoring: 'monitoring',
} as const;

/** Participants whose holders manage a project (may cancel it) besides its owner. */
export const MANAGING_PARTICIPANTS = ['pm', 'projectManager', 'requester'] as const;

/** The approval events an approver sends; anyone else sending them is refused up front. */
const APPROVER_EVENTS = new Set(['approve', 'reject', 'sendBack', 'transfer', 'addApprover']);

/** Who an action is taken as (the caller, or the user an integration relays for). */
export interface ActorFacts {
  readonly id: string;
  /** Undefined when the org directory does not know the user. */
  readonly department?: string;
  readonly heads: readonly string[];
}

export type Access =
  | { readonly kind: 'sop.read' }
  | { readonly kind: 'sop.validate' }
  | { readonly kind: 'project.kickoff'; readonly sop: string }
  | { readonly kind: 'project.read'; readonly project: ProjectFacts }
  | { readonly kind: 'project.cancel'; readonly project: ProjectFacts }
  | {
      readonly kind: 'project.act';
      readonly project: ProjectFacts;
      readonly action: { readonly type: string; readonly step?: string; readonly actor: ActorFacts };
    }
  | { readonly kind: 'audit.read'; readonly project: ProjectFacts }
  | { readonly kind: 'work.read'; readonly user?: string; readonly department?: string }
  | { readonly kind: 'kpis.read' }
  | { readonly kind: 'metrics.read' };

export type Decision =
  | { readonly allowed: true; readonly rule: string }
  | { readonly allowed: false; readonly rule: string; readonly reason: string };

const allow = (rule: string): Decision => ({ allowed: true, rule });
const deny = (rule: string, reason: string): Decision => ({ allowed: false, rule, reason });

const has = (p: Principal, role: string) => p.roles.includes(role);

function headsAny(p: Principal, departments: readonly string[]): boolean {
  return p.heads.some((d) => departments.includes(d));
}

/**
 * Auditors read everything and change nothing: the auditor role grants no write, so a refused
 * write by someone holding it says so (they may still write on other grounds, e.g. as a member).
 */
function unlessAuditor(p: Principal, decision: Decision, what: string): Decision {
  if (decision.allowed || !has(p, ROLES.auditor)) return decision;
  return deny(
    'auditor-read-only',
    `'${p.id}' holds the auditor role, which reads everything and changes nothing; ${what} needs other standing: ${decision.reason}`,
  );
}

/** Roles that stand on their own for starting projects; a plain auditor has none. */
function mayKickOff(p: Principal, sop: string): Decision {
  const onlyAuditor = has(p, ROLES.auditor) && p.roles.every((r) => r === ROLES.auditor);
  return onlyAuditor
    ? deny(
        'auditor-read-only',
        `'${p.id}' is an auditor: auditors read everything and change nothing (kicking off '${sop}')`,
      )
    : allow('authenticated');
}

function readProject(p: Principal, project: ProjectFacts): Decision {
  if (has(p, ROLES.auditor)) return allow('auditor-reads-all');
  if (has(p, ROLES.opsAdmin)) return allow('ops-admin');
  if (has(p, ROLES.integration)) return allow('integration');
  if (project.members.includes(p.id)) return allow('member');
  if (headsAny(p, project.departments)) return allow('department-head');
  if (project.members.some((m) => p.reports.includes(m))) return allow('manager-of-member');
  return deny(
    'not-involved',
    `'${p.id}' is not involved in project ${project.id} (not a member, nor head of ${project.departments.join(', ') || 'its departments'}, nor a manager of a member)`,
  );
}

function isManager(p: Principal, project: ProjectFacts): boolean {
  return (
    project.owner === p.id ||
    MANAGING_PARTICIPANTS.some((name) => project.participants[name]?.includes(p.id) ?? false)
  );
}

function cancelProject(p: Principal, project: ProjectFacts): Decision {
  if (has(p, ROLES.opsAdmin)) return allow('ops-admin');
  if (isManager(p, project)) return allow('project-manager');
  if (headsAny(p, project.departments.slice(0, 1))) return allow('lead-department-head');
  return deny(
    'not-project-manager',
    `only the project's owner or manager (${[project.owner, ...MANAGING_PARTICIPANTS.flatMap((n) => project.participants[n] ?? [])].filter(Boolean).join(', ') || 'none recorded'}), the head of its lead department or an ops admin may cancel project ${project.id}`,
  );
}

function actOnProject(p: Principal, access: Extract<Access, { kind: 'project.act' }>): Decision {
  const { project, action } = access;
  const actor = action.actor;
  if (actor.id !== p.id && !has(p, ROLES.integration)) {
    return deny(
      'no-impersonation',
      `'${p.id}' may not act as '${actor.id}': only accounts with the '${ROLES.integration}' role relay actions for other users`,
    );
  }
  if (APPROVER_EVENTS.has(action.type)) {
    const waiting = Object.entries(project.approvers).filter(
      ([step]) => !action.step || step === action.step,
    );
    if (waiting.length > 0 && !waiting.some(([, people]) => people.includes(actor.id))) {
      return deny(
        'not-current-approver',
        `'${actor.id}' has nothing awaiting their approval in project ${project.id}; awaiting: ${waiting.map(([step, people]) => `${step} (${people.join(', ') || 'nobody'})`).join('; ')}`,
      );
    }
  }
  if (project.members.includes(actor.id)) return allow('member');
  if (actor.heads.some((d) => project.departments.includes(d))) return allow('department-head');
  // People of an involved department may act (e.g. file their department's retrospective); the
  // SOP's own rules then decide whether this person may do this now.
  if (actor.department !== undefined && project.departments.includes(actor.department)) {
    return allow('department-member');
  }
  if (has(p, ROLES.opsAdmin) && actor.id === p.id) return allow('ops-admin');
  return deny(
    'not-member',
    `'${actor.id}' is not a member of project ${project.id} and not in any of its departments (${project.departments.join(', ') || 'none'})`,
  );
}

function readWork(p: Principal, user: string | undefined, department: string | undefined): Decision {
  if (has(p, ROLES.auditor) || has(p, ROLES.opsAdmin)) return allow('reads-all');
  if (department !== undefined) {
    return p.heads.includes(department)
      ? allow('department-head')
      : deny(
          'not-department-head',
          `only the head of '${department}' (or an ops admin or auditor) may list its work`,
        );
  }
  if (user === undefined || user === p.id) return allow('own-work');
  if (p.reports.includes(user)) return allow('manager');
  return deny(
    'not-own-work',
    `'${p.id}' may list only their own work and that of people reporting to them, not '${user}'`,
  );
}

/**
 * Decides one access.
 *
 * @example
 * authorize(auditor, { kind: 'project.cancel', project }); // { allowed: false, rule: 'auditor-read-only', reason: '…' }
 */
export function authorize(p: Principal, access: Access): Decision {
  switch (access.kind) {
    case 'sop.read':
      return allow('authenticated');
    case 'sop.validate':
      return has(p, ROLES.opsAdmin)
        ? allow('ops-admin')
        : deny(
            'not-ops-admin',
            `validating SOP files is for ops admins ('${ROLES.opsAdmin}' role); '${p.id}' does not hold it`,
          );
    case 'project.kickoff':
      return mayKickOff(p, access.sop);
    case 'project.read':
    case 'audit.read':
      return readProject(p, access.project);
    case 'project.cancel':
      return unlessAuditor(p, cancelProject(p, access.project), 'cancelling a project');
    case 'project.act':
      return unlessAuditor(p, actOnProject(p, access), `sending '${access.action.type}'`);
    case 'work.read':
      return readWork(p, access.user, access.department);
    case 'kpis.read':
      return has(p, ROLES.auditor) ||
        has(p, ROLES.opsAdmin) ||
        has(p, ROLES.projectManager) ||
        p.heads.length > 0
        ? allow('kpi-reader')
        : deny(
            'not-kpi-reader',
            `KPIs are for department heads, project managers, ops admins and auditors; '${p.id}' is none of these`,
          );
    case 'metrics.read':
      return has(p, ROLES.monitoring) || has(p, ROLES.opsAdmin)
        ? allow('monitoring')
        : deny('not-monitoring', `metrics are for the '${ROLES.monitoring}' role and ops admins`);
  }
}
