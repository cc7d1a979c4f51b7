import { Router } from 'express';
import { requireAccess } from '../authz/require-access';
import type { ApiDeps } from '../deps';
import { readProjectHistory } from '../history/read-history';
import { readNotificationLog } from '../notifications/read-notifications';
import type { ApiContract } from '../openapi/contract';
import { pathParam, route, type RouteOptions } from '../openapi/route';
import { loadProject } from '../projects/load-project';

/**
 * `GET /projects/:id/history` (events read from Temporal's history, oldest first) and
 * `GET /projects/:id/notifications` (every notification with its delivery outcome), for whoever
 * may read the project.
 *
 * @example
 * app.use(historyRoutes(deps, contract));
 */
export function historyRoutes(deps: ApiDeps, contract: ApiContract, options: RouteOptions = {}): Router {
  const router = Router();
  const readers = [
    ['getProjectHistory', readProjectHistory],
    ['getProjectNotifications', readNotificationLog],
  ] as const;
  for (const [operationId, read] of readers) {
    route(
      router,
      contract,
      operationId,
      async (req, res) => {
        const id = pathParam(req, 'id');
        await requireAccess(deps, req, res, {
          kind: 'project.read',
          project: (await loadProject(deps, id)).facts,
        });
        res.json(await read(deps, id));
      },
      options,
    );
  }
  return router;
}
