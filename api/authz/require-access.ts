import type { Request, Response } from 'express';
import { principalOf } from '../auth/authenticate';
import { denialRecordOf } from '../../audit/denial-record';
import type { AccessDenial, ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { authorize, type Access } from './policy';

function attempted(access: Access): string {
  return access.kind === 'project.act' ? access.action.type : access.kind;
}

function projectOf(access: Access): string | undefined {
  return 'project' in access ? access.project.id : undefined;
}

/**
 * Records a refused access: a structured warning (every denial, with the request id), the
 * `sop_auth_denials_total` metric, and — for a project — the audit store, where the project's
 * audit trail picks it up. A failure to store is logged, never turned into a 500: the caller
 * still gets the 403.
 */
export async function recordDenial(
  deps: ApiDeps,
  req: Request,
  res: Response,
  denial: {
    action: string;
    reason: string;
    code: string;
    rule?: string;
    projectId?: string;
    actingAs?: string;
  },
): Promise<void> {
  const principal = (res.locals.principal as { id: string } | undefined)?.id ?? 'anonymous';
  const { actingAs, ...refused } = denial;
  const relayed = actingAs !== undefined && actingAs !== principal;
  const record: AccessDenial = {
    at: new Date().toISOString(),
    user: relayed ? actingAs : principal,
    ...(relayed ? { via: principal } : {}),
    method: req.method,
    path: req.originalUrl,
    ...refused,
  };
  req.log?.warn({ denial: record }, 'access denied');
  deps.metrics?.authDenials.inc({ reason: denial.rule ?? denial.code });
  const stored = denialRecordOf(record);
  if (!stored) return;
  try {
    await deps.audit.recordDenial(stored);
  } catch (error) {
    (deps.log ?? ((message: string, e: unknown) => req.log?.error({ err: e }, message)))(
      'could not record an access denial',
      error,
    );
  }
}

/**
 * Asks the policy; a denial is recorded and thrown as a 403 ACCESS_DENIED with the reason and
 * the rule that decided.
 *
 * @example
 * await requireAccess(deps, req, res, { kind: 'project.cancel', project: facts });
 */
export async function requireAccess(
  deps: ApiDeps,
  req: Request,
  res: Response,
  access: Access,
): Promise<void> {
  const decision = authorize(principalOf(res), access);
  if (decision.allowed) return;
  const projectId = projectOf(access);
  await recordDenial(deps, req, res, {
    action: attempted(access),
    // Whoever tried to act as someone else without the right to is the one refused.
    ...(access.kind === 'project.act' && decision.rule !== 'no-impersonation'
      ? { actingAs: access.action.actor.id }
      : {}),
    reason: decision.reason,
    code: 'ACCESS_DENIED',
    rule: decision.rule,
    ...(projectId ? { projectId } : {}),
  });
  throw new ApiError('ACCESS_DENIED', decision.reason, { rule: decision.rule });
}
