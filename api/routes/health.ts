import { Router } from 'express';
import type { ApiDeps } from '../deps';
import type { ApiContract } from '../openapi/contract';
import { route, type RouteOptions } from '../openapi/route';

/**
 * `GET /healthz`: 200 `{ ok: true, checks }` when every dependency is well, else 503 with the
 * same shape, so a load balancer reads the status and a person reads which check failed.
 *
 * @example
 * app.use(healthRoutes(deps, contract));
 */
export function healthRoutes(deps: ApiDeps, contract: ApiContract, options: RouteOptions = {}): Router {
  const router = Router();
  route(
    router,
    contract,
    'getHealth',
    async (_req, res) => {
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
    },
    options,
  );
  return router;
}
