import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { jsonObjectBody } from '../json-body';
import { kickOffProject } from '../projects/kick-off';
import { parseKickoffRequest, readIdempotencyKey } from '../projects/kickoff-request';
import { readProject } from '../projects/read-project';
import { withTemporalDeadline } from '../temporal-deadline';

/**
 * `POST /projects` (kick off, idempotent by `Idempotency-Key`) and `GET /projects/:id` (state).
 *
 * @example
 * app.use(projectRoutes(deps));
 */
export function projectRoutes(deps: ApiDeps): Router {
  const router = Router();

  router.post('/projects', async (req, res) => {
    const key = readIdempotencyKey(req.get('Idempotency-Key'));
    const request = parseKickoffRequest(
      jsonObjectBody(req, '{ "sop": "new-product-launch", "input": { … } }'),
    );
    const { created, project } = await withTemporalDeadline(deps, () => kickOffProject(deps, key, request));
    res
      .status(created ? 201 : 200)
      .location(project.links.self)
      .json(project);
  });

  router.get('/projects/:id', async (req, res) => {
    const view = await readProject(deps, req.params.id);
    res.json({ id: req.params.id, ...view });
  });

  return router;
}
