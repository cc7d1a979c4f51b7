/**
 * The REST API of the durable runtime: kick off projects, act on them, read their state and
 * their audit trail. A factory, so tests run it against a real Temporal server and `server/`
 * only wires dependencies.
 */
import express from 'express';
import type { ApiDeps } from './deps';
import { handleErrors, unknownRoute } from './error-handler';
import { actionRoutes } from './routes/actions';
import { healthRoutes } from './routes/health';
import { historyRoutes } from './routes/history';
import { notificationRoutes } from './routes/notifications';
import { projectRoutes } from './routes/projects';

/** Form data is small; a generous limit still stops a runaway client from filling history. */
const DEFAULT_BODY_LIMIT = '256kb';

/**
 * Builds the Express app. Routes: `POST /projects`, `GET /projects/:id`,
 * `POST /projects/:id/actions`, `GET /projects/:id/history`, `GET /healthz`. Every error is an
 * RFC 9457 problem (`application/problem+json`).
 *
 * @example
 * const app = createApp({ client, catalogue, org: catalogue.org!, namespace: 'default',
 *   taskQueue: DEFAULT_TASK_QUEUE, health: createHealthCheck({ client, catalogue, namespace, taskQueue }) });
 * app.listen(3000);
 */
export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    express.json({
      limit: deps.bodyLimit ?? DEFAULT_BODY_LIMIT,
      type: ['application/json', 'application/*+json'],
    }),
  );
  app.use(healthRoutes(deps));
  app.use(projectRoutes(deps));
  app.use(actionRoutes(deps));
  app.use(historyRoutes(deps));
  app.use(notificationRoutes(deps));
  app.use(unknownRoute);
  app.use(handleErrors(deps.log ?? ((message, error) => console.error(message, error))));
  return app;
}
