import { Router } from 'express';
import { computeKpis } from '../../kpis/compute-kpis';
import type { Metrics } from '../../kpis/metrics';
import type { KpiDimension, KpiPeriod } from '../../kpis/types';
import { requireAccess } from '../authz/require-access';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { gatherKpiProjects } from '../kpis/gather-projects';
import type { ApiContract } from '../openapi/contract';
import { queryParam, route, type RouteOptions } from '../openapi/route';

/** `2026-11-01` (midnight in Asia/Shanghai, the company's zone) or a full ISO date-time. */
function readInstant(name: string, text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00+08:00` : text;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
    throw new ApiError(
      'INVALID_QUERY',
      `${name} must be a date like 2026-11-01 or a date-time like 2026-11-01T09:00:00+08:00`,
    );
  }
  return date;
}

/** Every SOP's owning department, for projects whose input names no lead department. */
function sopOwners(deps: ApiDeps): Record<string, string> {
  return Object.fromEntries(
    deps.catalogue
      .list()
      .filter((entry) => typeof entry.compiled.document.owner === 'string')
      .map((entry) => [entry.id, entry.compiled.document.owner]),
  );
}

/**
 * `GET /kpis` (the domain brief's KPIs per SOP, department and period) and `GET /metrics`
 * (Prometheus text).
 *
 * @example
 * app.use(operationsRoutes(deps, metrics, contract));
 */
export function operationsRoutes(
  deps: ApiDeps,
  metrics: Metrics,
  contract: ApiContract,
  options: RouteOptions = {},
): Router {
  const router = Router();
  route(
    router,
    contract,
    'getKpis',
    async (req, res) => {
      await requireAccess(deps, req, res, { kind: 'kpis.read' });
      const from = readInstant('from', queryParam(req, 'from'));
      const to = readInstant('to', queryParam(req, 'to'));
      if (from && to && from >= to) throw new ApiError('INVALID_QUERY', 'from must be before to');
      const sop = queryParam(req, 'sop');
      const department = queryParam(req, 'department');
      const asked = (queryParam(req, 'groupBy') ?? 'sop').split(',') as KpiDimension[];
      // A department filter needs the department dimension to filter on.
      const groupBy: KpiDimension[] =
        department && !asked.includes('department') ? [...asked, 'department'] : asked;
      const period = (queryParam(req, 'period') as KpiPeriod | undefined) ?? 'week';
      const { projects, truncated } = await gatherKpiProjects(deps, {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(sop ? { sop } : {}),
      });
      const report = computeKpis(projects, {
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        groupBy,
        period,
        sopOwners: sopOwners(deps),
      });
      const groups = department
        ? report.groups.filter((g) => g.key.department === department)
        : report.groups;
      res.json({ ...report, groups, ...(truncated ? { truncated } : {}) });
    },
    options,
  );
  route(
    router,
    contract,
    'getMetrics',
    async (req, res) => {
      await requireAccess(deps, req, res, { kind: 'metrics.read' });
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    },
    options,
  );
  return router;
}
