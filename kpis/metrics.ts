/**
 * Operational metrics of the API for Prometheus (prom-client): request counts and latencies,
 * project starts, refused actions, authentication denials, and Node's process metrics.
 *
 * Each `createMetrics()` has its own `Registry`, never prom-client's global one: two apps in one
 * process (tests, an embedded server) would otherwise clash on metric names.
 */
import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

type HttpLabel = 'method' | 'route' | 'status';

/**
 * The metrics of one API instance and the registry that exposes them.
 *
 * @example
 * deps.metrics.rejectedActions.inc({ code: rejection.code });
 */
export interface Metrics {
  readonly registry: Registry;
  /** `http_requests_total{method,route,status}` */
  readonly httpRequests: Counter<HttpLabel>;
  /** `http_request_duration_seconds{method,route,status}`, 5 ms … 10 s. */
  readonly httpDuration: Histogram<HttpLabel>;
  /** `sop_workflow_starts_total{sop,outcome}`; outcome `created` or `existing` (idempotent kickoff). */
  readonly workflowStarts: Counter<'sop' | 'outcome'>;
  /** `sop_rejected_actions_total{code}`; code as `explainRejection` gives it (`NOT_ALLOWED`, `WRONG_STATE`, …). */
  readonly rejectedActions: Counter<'code'>;
  /** `sop_auth_denials_total{reason}`; reason a fixed kind (`missing-token`, `bad-signature`, …), never the token. */
  readonly authDenials: Counter<'reason'>;
}

/**
 * Label of requests no route matched (404s, probes of random paths).
 *
 * @example
 * // http_requests_total{method="GET",route="unmatched",status="404"} 1
 */
export const UNMATCHED_ROUTE = 'unmatched';

/** From a fast local read (5 ms) to a slow Temporal round trip at the API's deadline (10 s). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A fresh registry with the API's metrics and Node's default process metrics
 * (`process_cpu_seconds_total`, `nodejs_eventloop_lag_seconds`, heap, GC, …).
 *
 * @example
 * const metrics = createMetrics();
 * app.use(recordHttpMetrics(metrics));
 * app.get('/metrics', serveMetrics(metrics));
 * metrics.workflowStarts.inc({ sop: 'new-product-launch', outcome: 'created' });
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to the end of its response, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    workflowStarts: new Counter({
      name: 'sop_workflow_starts_total',
      help: 'Project kickoffs by SOP id; outcome=created started a workflow, outcome=existing found it already running.',
      labelNames: ['sop', 'outcome'],
      registers,
    }),
    rejectedActions: new Counter({
      name: 'sop_rejected_actions_total',
      help: 'Actions a project refused, by rejection code (NOT_ALLOWED, WRONG_STATE, INVALID_DATA, …).',
      labelNames: ['code'],
      registers,
    }),
    authDenials: new Counter({
      name: 'sop_auth_denials_total',
      help: 'Requests refused by authentication or authorisation, by kind of reason.',
      labelNames: ['reason'],
      registers,
    }),
  };
}

/**
 * The route pattern that handled `req` (`/projects/:id/actions`), or `unmatched`. Never the raw
 * URL: ids in label values would make a new time series per project and exhaust Prometheus.
 * Routers must be mounted at fixed paths (`app.use(router)`, `app.use('/v1', router)`):
 * `req.baseUrl` holds the matched text of the mount path, not its pattern.
 */
function routeOf(req: Request): string {
  // Express types `req.route` as `any`; read it as unknown.
  const route: unknown = req.route;
  if (typeof route !== 'object' || route === null || !('path' in route)) return UNMATCHED_ROUTE;
  const { path } = route;
  const pattern =
    typeof path === 'string'
      ? path
      : path instanceof RegExp
        ? path.source
        : Array.isArray(path)
          ? path.map(String).join('|')
          : undefined;
  if (pattern === undefined) return UNMATCHED_ROUTE;
  return req.baseUrl !== '' && pattern === '/' ? req.baseUrl : `${req.baseUrl}${pattern}`;
}

/**
 * Express middleware that times every request and counts it, labelled by method, route pattern
 * and status. Mount it first, so it sees every request, including those no route matches.
 * A request whose client went away before the response ended is labelled status `aborted`.
 *
 * @example
 * const metrics = createMetrics();
 * app.use(recordHttpMetrics(metrics));
 * // after GET /projects/p-1 → http_requests_total{method="GET",route="/projects/:id",status="200"} 1
 */
export function recordHttpMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const stop = metrics.httpDuration.startTimer();
    // 'close' comes once per response, after 'finish' or instead of it when the client left early.
    res.once('close', () => {
      const labels = {
        method: req.method,
        route: routeOf(req),
        status: res.writableFinished ? String(res.statusCode) : 'aborted',
      };
      stop(labels);
      metrics.httpRequests.inc(labels);
    });
    next();
  };
}

/**
 * Handler for `GET /metrics`: the registry in Prometheus text exposition format.
 *
 * @example
 * app.get('/metrics', serveMetrics(metrics));
 * // curl localhost:3000/metrics → '# HELP http_requests_total HTTP requests answered, …'
 */
export function serveMetrics(metrics: Metrics): RequestHandler {
  return async (_req, res) => {
    const text = await metrics.registry.metrics();
    res.type(metrics.registry.contentType).send(text);
  };
}
