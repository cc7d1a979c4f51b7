import type { ApprovalStep } from '../../model/sop';
import type { SopContext } from '../context';
import { readPath, resolveRefs } from '../participants';

/** The default participant who stands in when nobody is left to approve (`ifNobody: admin`). */
export const DEFAULT_APPROVAL_ADMIN = 'approvalAdmin';

/** Who approves, after the resolution rules, and what the rules did (for the record). */
export interface ResolvedApprovers {
  /** Approvers in order, each once. */
  readonly users: readonly string[];
  /** Of those, the ones already counted as approved (`ifRequesterIsApprover: approve`). */
  readonly autoApproved: readonly string[];
  /** Set when nobody is left and the rule decides the step outright. */
  readonly nobody?: 'skip' | 'refuse';
  /** True when the approval admin stands in for nobody. */
  readonly admin?: boolean;
  /** Plain-words notes on what the rules did, e.g. "'ann' is the requester: skipped". */
  readonly notes: readonly string[];
}

function userIds(value: unknown): string[] {
  if (typeof value === 'string' && value !== '') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return [];
}

/** Everyone the step names as approvers, in the order written: assignee, approvers, input, form. */
function listNamedApprovers(step: ApprovalStep, context: SopContext, id: string): string[] {
  const refs = [...(step.assignee !== undefined ? [step.assignee] : []), ...(step.approvers ?? [])];
  const named = resolveRefs(refs, context, { step: id });
  if (step.approversFromInput !== undefined) {
    named.push(...userIds(readPath(context.input, step.approversFromInput)));
  }
  if (step.approversFromForm !== undefined) {
    // `forms.request.reviewers` reads the latest submission of form step `request`.
    const path = step.approversFromForm.replace(/^forms\./, '');
    named.push(...userIds(readPath(context.forms, path)));
  }
  return named;
}

/**
 * Resolves an approval flow's approvers when the step opens and applies its rules: people not in
 * the org directory are left out, duplicates are asked once (at their first place), the requester
 * is kept, skipped or counted as approved (`ifRequesterIsApprover`), and when nobody is left the
 * step is approved (`ifNobody: skip`), handed to the approval admin (`admin`, the default) or
 * rejected (`refuse`, also when no admin resolves).
 *
 * @example
 * resolveApprovers(step, context, 'review'); // { users: ['mia', 'rob'], autoApproved: [], notes: [] }
 */
export function resolveApprovers(step: ApprovalStep, context: SopContext, id: string): ResolvedApprovers {
  const notes: string[] = [];
  const known: string[] = [];
  for (const user of listNamedApprovers(step, context, id)) {
    if (!context.org.users[user]) notes.push(`'${user}' is not in the org directory: left out`);
    else if (!known.includes(user)) known.push(user);
  }
  const requesters = step.requester ? resolveRefs([step.requester], context, { step: id }) : [];
  const rule = step.ifRequesterIsApprover ?? 'keep';
  let users = known;
  const autoApproved: string[] = [];
  for (const user of known.filter((u) => requesters.includes(u))) {
    if (rule === 'skip') {
      users = users.filter((u) => u !== user);
      notes.push(`'${user}' is the requester: skipped`);
    } else if (rule === 'approve') {
      autoApproved.push(user);
      notes.push(`'${user}' is the requester: counted as approved`);
    }
  }
  if (users.length > 0) return { users, autoApproved, notes };
  const ifNobody = step.ifNobody ?? 'admin';
  if (ifNobody === 'admin') {
    const admins = resolveRefs([step.approvalAdmin ?? DEFAULT_APPROVAL_ADMIN], context, { step: id });
    if (admins.length > 0) {
      notes.push(`nobody to approve: handed to the approval admin ${admins.join(', ')}`);
      return { users: admins, autoApproved: [], admin: true, notes };
    }
    notes.push('nobody to approve and no approval admin: refused');
    return { users: [], autoApproved: [], nobody: 'refuse', notes };
  }
  notes.push(ifNobody === 'skip' ? 'nobody to approve: skipped' : 'nobody to approve: refused');
  return { users: [], autoApproved: [], nobody: ifNobody, notes };
}
