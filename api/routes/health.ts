import { Router } from 'express';
import type { ApiDeps } from '../deps';

/**
 * `GET /healthz`: 200 `{ ok: true, checks }` when every dependency is well, else 503 with the
 * same shape, so a load balancer reads the status and a person reads which check failed.
 *
 * @example
 * app.use(healthRoutes(deps));
 */
export function healthRoutes(deps: ApiDeps): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    let report;
    try {
      report = await deps.health();
    } catch (error) {
      report = { ok: false, checks: { health: `the health check failed: ${String(error)}` } };
    }
    res
      .status(report.ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ ok: report.ok, checks: report.checks });
  });
  return router;
}
