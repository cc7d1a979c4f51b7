import { Router, type Request, type Response } from 'express';
import { principalOf } from '../auth/authenticate';
import { requireAccess } from '../authz/require-access';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import type { ApiContract } from '../openapi/contract';
import { queryParam, route, type RouteOptions } from '../openapi/route';
import { listProjects } from '../projects/list-projects';
import { mapLimited } from '../projects/map-limited';
import { readProject } from '../projects/read-project';
import { collectWork, type WorkItem, type WorkScope } from '../work/collect-work';

/** Active projects looked at per request; beyond this the answer says `truncated`. */
const MAX_SCANNED = 500;
/** State queries in flight at once, so a big scan does not flood the worker. */
const CONCURRENCY = 8;

function scopeOf(req: Request, res: Response, deps: ApiDeps): WorkScope {
  const user = queryParam(req, 'user');
  const department = queryParam(req, 'department');
  if (user !== undefined && department !== undefined) {
    throw new ApiError('INVALID_QUERY', 'give either user or department, not both');
  }
  if (department !== undefined) {
    if (!deps.org.departments.some((d) => d.id === department)) {
      throw new ApiError(
        'INVALID_QUERY',
        `there is no department '${department}'; departments: ${deps.org.departments.map((d) => d.id).join(', ')}`,
      );
    }
    return { department };
  }
  return { user: user ?? principalOf(res).id };
}

/** Scans the active projects (as an auditor would see them) and collects the scope's open work. */
async function scan(deps: ApiDeps, res: Response, scope: WorkScope, approvals: boolean) {
  const everything = { ...principalOf(res), roles: ['auditor'] };
  const ids: string[] = [];
  let pageToken: string | undefined;
  do {
    const page = await listProjects(
      deps,
      { status: 'active', pageSize: 100, ...(pageToken ? { pageToken } : {}) },
      everything,
    );
    ids.push(...page.projects.map((p) => p.id));
    pageToken = page.nextPageToken;
  } while (pageToken && ids.length < MAX_SCANNED);
  const scanned = ids.slice(0, MAX_SCANNED);
  const found = await mapLimited(scanned, CONCURRENCY, async (id): Promise<WorkItem[]> => {
    try {
      return collectWork(id, await readProject(deps, id), scope, deps.org, approvals);
    } catch (error) {
      // A project that ended between the list and the query has no open work.
      if (error instanceof ApiError && error.code === 'UNKNOWN_PROJECT') return [];
      throw error;
    }
  });
  const items = found.flat().sort((a, b) => (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff'));
  return {
    ...scope,
    items,
    scannedProjects: scanned.length,
    ...(ids.length > MAX_SCANNED || pageToken ? { truncated: true } : {}),
  };
}

/**
 * `GET /work/tasks` and `GET /work/approvals`: what a person (default: the caller) or a
 * department has to do across every active project, soonest due first.
 *
 * @example
 * app.use(workRoutes(deps, contract));
 */
export function workRoutes(deps: ApiDeps, contract: ApiContract, options: RouteOptions = {}): Router {
  const router = Router();
  for (const [operationId, approvals] of [
    ['listMyTasks', false],
    ['listMyApprovals', true],
  ] as const) {
    route(
      router,
      contract,
      operationId,
      async (req, res) => {
        const scope = scopeOf(req, res, deps);
        await requireAccess(deps, req, res, { kind: 'work.read', ...scope });
        res.json(await scan(deps, res, scope, approvals));
      },
      options,
    );
  }
  return router;
}
