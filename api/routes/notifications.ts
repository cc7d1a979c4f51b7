import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { readNotificationLog } from '../notifications/read-notifications';

/**
 * `GET /projects/:id/notifications`: the delivery log (every notification, its channels and
 * outcomes, attempts and last failure), read from Temporal's history, oldest first.
 *
 * @example
 * app.use(notificationRoutes(deps));
 */
export function notificationRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/projects/:id/notifications', async (req, res) => {
    res.json(await readNotificationLog(deps, req.params.id));
  });
  return router;
}
