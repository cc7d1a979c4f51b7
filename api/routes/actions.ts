import { Router } from 'express';
import { actOnProject } from '../actions/act-on-project';
import { parseActionRequest } from '../actions/action-request';
import type { ApiDeps } from '../deps';
import { jsonObjectBody } from '../json-body';

/**
 * `POST /projects/:id/actions`: one human action (submit a form, approve, update a task, …).
 * 200 with the result when accepted; 403/404/409/422 with the engine's reason when refused.
 *
 * @example
 * app.use(actionRoutes(deps));
 */
export function actionRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.post('/projects/:id/actions', async (req, res) => {
    const action = parseActionRequest(
      jsonObjectBody(req, '{ "type": "submit", "actor": { "user": "he.yun" }, "data": { … } }'),
    );
    const result = await actOnProject(deps, req.params.id, action);
    res.json({ id: req.params.id, ...result });
  });
  return router;
}
