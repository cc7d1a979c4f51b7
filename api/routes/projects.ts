import { Router } from 'express';
import { cancelUpdate } from '../../workflows/messages';
import { principalOf } from '../auth/authenticate';
import { requireAccess } from '../authz/require-access';
import { notFoundProblem } from '../actions/act-on-project';
import { rejectionToProblem } from '../actions/rejection-to-problem';
import { isWorkflowNotFound } from '../temporal-errors';
import type { ApiDeps } from '../deps';
import type { ApiContract } from '../openapi/contract';
import { pathParam, queryParam, route, type RouteOptions } from '../openapi/route';
import { kickOffProject } from '../projects/kick-off';
import { parseKickoffRequest, readIdempotencyKey } from '../projects/kickoff-request';
import { listProjects } from '../projects/list-projects';
import { loadProject } from '../projects/load-project';
import { withTemporalDeadline } from '../temporal-deadline';

/**
 * Projects: kick off (idempotent by `Idempotency-Key`), list and search, read, cancel.
 *
 * @example
 * app.use(projectRoutes(deps, contract));
 */
export function projectRoutes(deps: ApiDeps, contract: ApiContract, options: RouteOptions = {}): Router {
  const router = Router();
  const on = (id: string, handler: Parameters<typeof route>[3]) =>
    route(router, contract, id, handler, options);

  on('kickOffProject', async (req, res) => {
    const key = readIdempotencyKey(req.get('Idempotency-Key'));
    const request = parseKickoffRequest(req.body as Record<string, unknown>);
    await requireAccess(deps, req, res, { kind: 'project.kickoff', sop: request.sop });
    const owner = principalOf(res).id;
    const { created, project } = await withTemporalDeadline(deps, () =>
      kickOffProject(deps, key, request, owner),
    );
    deps.metrics?.workflowStarts.inc({ sop: project.sop.id, outcome: created ? 'created' : 'existing' });
    res
      .status(created ? 201 : 200)
      .location(project.links.self)
      .json(project);
  });

  on('listProjects', async (req, res) => {
    const overdue = (req.query as Record<string, unknown>).overdue as boolean | undefined;
    const pageSize = Number(queryParam(req, 'pageSize') ?? 20);
    const filter = {
      ...Object.fromEntries(
        (['sop', 'status', 'department', 'owner', 'pageToken'] as const)
          .map((name) => [name, queryParam(req, name)] as const)
          .filter(([, value]) => value !== undefined),
      ),
      ...(overdue !== undefined ? { overdue } : {}),
      pageSize,
    };
    res.json(await listProjects(deps, filter, principalOf(res)));
  });

  on('getProject', async (req, res) => {
    const id = pathParam(req, 'id');
    const { view, facts } = await loadProject(deps, id);
    await requireAccess(deps, req, res, { kind: 'project.read', project: facts });
    res.json({ id, ...view });
  });

  on('cancelProject', async (req, res) => {
    const id = pathParam(req, 'id');
    const { facts } = await loadProject(deps, id);
    await requireAccess(deps, req, res, { kind: 'project.cancel', project: facts });
    const { reason } = req.body as { reason: string };
    const handle = deps.client.workflow.getHandle(id);
    try {
      await withTemporalDeadline(deps, () =>
        handle.executeUpdate(cancelUpdate, { args: [{ actor: { user: principalOf(res).id }, reason }] }),
      );
    } catch (error) {
      const rejected = rejectionToProblem(error);
      if (rejected) throw rejected;
      if (isWorkflowNotFound(error)) throw await notFoundProblem(deps, id);
      throw error;
    }
    res.json({ id, status: 'cancelled' });
  });

  return router;
}
