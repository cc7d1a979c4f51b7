/**
 * The REST API: kick off projects, act on them, read their state and their audit trail. A
 * factory, so tests run it against a real Temporal server and `server/` only wires dependencies.
 * Every route is an operation of the OpenAPI document (`api/openapi/operations.ts`).
 */
import express from 'express';
import { createMetrics, recordHttpMetrics } from '../kpis/metrics';
import { authenticate } from './auth/authenticate';
import type { ApiDeps } from './deps';
import { handleErrors, unknownRoute } from './error-handler';
import {
  corsPolicy,
  createLogger,
  loggerOf,
  parseHttpHardening,
  rateLimit,
  requestId,
  requestLogging,
  securityHeaders,
  type HttpHardening,
  type Logger,
} from './http';
import { ApiContract } from './openapi/contract';
import type { RouteOptions } from './openapi/route';
import { actionRoutes } from './routes/actions';
import { auditRoutes } from './routes/audit';
import { operationsRoutes } from './routes/operations';
import { healthRoutes } from './routes/health';
import { historyRoutes } from './routes/history';
import { openApiRoutes } from './routes/openapi';
import { projectRoutes } from './routes/projects';
import { sopRoutes } from './routes/sops';
import { workRoutes } from './routes/work';

/** The version the OpenAPI document announces. */
export const API_VERSION = '1.0.0';

type Log = (message: string, error: unknown) => void;

function routeOptions(deps: ApiDeps, log: Log): RouteOptions {
  const mode = deps.validateResponses;
  if (!mode) return {};
  return {
    onResponseMismatch: (problem) => {
      log('a response does not fit the OpenAPI document', new Error(problem));
      return mode === 'fail' ? 'fail' : 'send';
    },
  };
}

/** Kickoffs and actions (every POST under a project) are limited per caller. */
function rateLimits(app: express.Express, http: HttpHardening): void {
  const { kickoff, actions } = http.rateLimits;
  if (kickoff !== 'off') app.post('/projects', rateLimit({ ...kickoff, noun: 'kickoffs' }));
  if (actions === 'off') return;
  const limiter = rateLimit({ ...actions, noun: 'actions' });
  // Every POST under a project is an action, except verifying an exported trail (a read).
  app.post('/projects/:id/*rest', (req, res, next) =>
    req.path.endsWith('/audit/verify') ? next() : limiter(req, res, next),
  );
}

/**
 * Builds the Express app; see `/openapi.json` for every route. Errors are RFC 9457 problems
 * (`application/problem+json`); every request gets an id, a JSON log line and security headers.
 *
 * @example
 * const app = createApp({ client, catalogue, org, namespace: 'default', taskQueue: DEFAULT_TASK_QUEUE,
 *   health, authenticate: await createCredentialCheck(authConfig) });
 * app.listen(3000);
 */
export function createApp(given: ApiDeps): express.Express {
  // Metrics are always kept; `GET /metrics` shows the ones passed in, or this app's own.
  const metrics = given.metrics ?? createMetrics();
  const deps: ApiDeps = { ...given, metrics };
  const http = deps.http ?? parseHttpHardening({});
  const logger: Logger = deps.logger ?? createLogger({ level: 'silent' });
  const log: Log = deps.log ?? ((message, error) => logger.error({ err: error }, message));
  const contract = new ApiContract(API_VERSION);
  const options = routeOptions(deps, log);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', http.trustProxy);
  app.use(recordHttpMetrics(metrics));
  app.use(requestId());
  app.use(requestLogging(logger, { quietPaths: ['/healthz', '/metrics'] }));
  app.use(securityHeaders({ hsts: http.hsts }));
  app.use(corsPolicy({ origins: http.corsOrigins }));
  app.use(openApiRoutes(contract));
  app.use(healthRoutes(deps, contract, options));
  app.use(
    authenticate(
      deps.authenticate,
      () => deps.org,
      (reason) => metrics.authDenials.inc({ reason }),
    ),
  );
  rateLimits(app, http);
  // Before the JSON parser: an exported trail posted for verification is a file, read as text
  // (with a larger limit) by its own route, whatever its media type.
  app.use(auditRoutes(deps, contract, options));
  // Parsed only once the caller is known, so a refused request costs no parsing.
  app.use(express.json({ limit: http.bodyLimit, type: ['application/json', 'application/*+json'] }));
  app.use(sopRoutes(deps, contract, options));
  app.use(projectRoutes(deps, contract, options));
  app.use(actionRoutes(deps, contract, options));
  app.use(workRoutes(deps, contract, options));
  app.use(historyRoutes(deps, contract, options));
  app.use(operationsRoutes(deps, metrics, contract, options));
  app.use(unknownRoute);
  app.use(
    handleErrors((message, error, req) =>
      deps.log ? deps.log(message, error) : loggerOf(req, logger).error({ err: error }, message),
    ),
  );
  return app;
}
