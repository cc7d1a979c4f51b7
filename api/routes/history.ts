import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { readProjectHistory } from '../history/read-history';

/**
 * `GET /projects/:id/history`: the audit trail, read from Temporal's history, oldest first.
 *
 * @example
 * app.use(historyRoutes(deps));
 */
export function historyRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/projects/:id/history', async (req, res) => {
    res.json(await readProjectHistory(deps, req.params.id));
  });
  return router;
}
