import { Router, type Request, type Response } from 'express';
import type { ActionRequest } from '../../workflows/messages';
import { actOnProject } from '../actions/act-on-project';
import { parseActionRequest } from '../actions/action-request';
import { principalOf } from '../auth/authenticate';
import type { ActorFacts } from '../authz/policy';
import { recordDenial, requireAccess } from '../authz/require-access';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import type { ApiContract } from '../openapi/contract';
import { pathParam, route, type RouteOptions } from '../openapi/route';
import { loadProject } from '../projects/load-project';

type Body = Record<string, unknown>;

function actorFacts(deps: ApiDeps, user: string): ActorFacts {
  const known = deps.org.users.find((u) => u.id === user);
  return {
    id: user,
    ...(known ? { department: known.department } : {}),
    heads: deps.org.departments.filter((d) => d.head === user).map((d) => d.id),
  };
}

/**
 * Sends one action: the policy first (who may act on this project at all), then the project's
 * own rules (who may do this in this step now). A refusal by either is recorded.
 */
async function act(deps: ApiDeps, req: Request, res: Response, body: Body): Promise<void> {
  const id = pathParam(req, 'id');
  const action: ActionRequest = parseActionRequest(body, principalOf(res).id);
  const { facts } = await loadProject(deps, id);
  await requireAccess(deps, req, res, {
    kind: 'project.act',
    project: facts,
    action: {
      type: action.type,
      actor: actorFacts(deps, action.actor.user),
      ...(action.step ? { step: action.step } : {}),
    },
  });
  try {
    const result = await actOnProject(deps, id, action);
    res.json({ id, ...result });
  } catch (error) {
    if (error instanceof ApiError) deps.metrics?.rejectedActions.inc({ code: error.code });
    if (error instanceof ApiError && error.code === 'NOT_ALLOWED') {
      await recordDenial(deps, req, res, {
        action: action.type,
        reason: error.detail,
        code: error.code,
        projectId: id,
        actingAs: action.actor.user,
      });
    }
    throw error;
  }
}

/** The body's optional comment, passed on only when given. */
function comment(body: Body): { comment?: string } {
  return typeof body.comment === 'string' ? { comment: body.comment } : {};
}

/**
 * `POST /projects/:id/actions` (any action the SOP defines) and the shortcuts for everyday work:
 * claim, status, needs-help and complete on tasks, submit on form steps, decide on approvals.
 *
 * @example
 * app.use(actionRoutes(deps, contract));
 */
export function actionRoutes(deps: ApiDeps, contract: ApiContract, options: RouteOptions = {}): Router {
  const router = Router();
  const on = (id: string, toAction: (req: Request) => Body) =>
    route(router, contract, id, (req, res) => act(deps, req, res, toAction(req)), options);
  const body = (req: Request) => req.body as Body;
  const task = (req: Request) => pathParam(req, 'taskId');

  on('actOnProject', body);
  on('claimTask', (req) => ({ type: 'task.acknowledge', task: task(req) }));
  on('updateTaskStatus', (req) => ({
    type: 'task.update',
    task: task(req),
    status: body(req).status,
    ...comment(body(req)),
  }));
  on('flagTaskNeedsHelp', (req) => ({ type: 'task.needsHelp', task: task(req), ...comment(body(req)) }));
  on('completeTask', (req) => ({
    type: 'task.update',
    task: task(req),
    status: 'done',
    ...(body(req).data !== undefined ? { data: body(req).data } : {}),
    ...comment(body(req)),
  }));
  on('submitForm', (req) => ({
    type: 'submit',
    step: pathParam(req, 'stepId'),
    data: body(req).data,
    ...comment(body(req)),
  }));
  on('decideApproval', (req) => ({
    type: body(req).decision,
    step: pathParam(req, 'stepId'),
    ...comment(body(req)),
  }));
  return router;
}
