/**
 * Structured JSON logs: one line per event, one completion line per request, each carrying the
 * request's id so the lines of one request can be pulled together. Secrets in headers are
 * redacted and bodies are never logged: form data can hold personal data.
 */
import type { Request, RequestHandler, Response } from 'express';
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { principalId } from './principal';
import { resolveRequestId } from './request-id';

/** The levels `SOP_LOG_LEVEL` accepts, quietest last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Header values that grant access. Redacted wherever a request or headers object is logged
 * (`req.log.info({ req })` in a route included), so a leaked log file leaks no credential.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'res.headers["set-cookie"]',
] as const;

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Where the JSON lines go; stdout by default. Tests pass a stream that collects lines. */
  readonly destination?: DestinationStream;
}

/**
 * The process's root logger: JSON lines with an ISO time and the level as a word (log
 * aggregators index `"level":"error"` without a lookup table), credentials redacted.
 *
 * @example
 * const logger = createLogger({ level: hardening.logLevel });
 * logger.info({ port: 3000 }, 'API listening');
 */
export function createLogger({ level, destination }: LoggerOptions): Logger {
  const options = {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

export interface RequestLoggingOptions {
  /**
   * Paths polled by machines (load balancer health checks, Prometheus). Their GETs log at
   * `debug` while they succeed, so production logs at `info` show only real traffic.
   */
  readonly quietPaths?: readonly string[];
}

const DEFAULT_QUIET_PATHS = ['/healthz', '/metrics'];

/** The path without the query string: queries can carry values nobody meant to log. */
function pathOf(req: Request): string {
  const url = req.originalUrl;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** The matched route template (`/projects/:id`), which groups requests better than the path. */
function routeOf(req: Request): string | undefined {
  const route: unknown = req.route;
  const path: unknown = (route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : undefined;
}

/** The fields of the completion line: what was asked, by whom, how it ended, how long it took. */
function completionFields(req: Request, res: Response, durationMs: number): Record<string, unknown> {
  const route = routeOf(req);
  const userId = principalId(res);
  return {
    method: req.method,
    ...(route !== undefined ? { route } : {}),
    path: pathOf(req),
    status: res.statusCode,
    durationMs,
    ...(userId !== undefined ? { userId } : {}),
    // The client went away before the answer was sent: the status is what would have been sent.
    ...(res.writableEnded ? {} : { aborted: true }),
  };
}

/**
 * Middleware: binds a child logger carrying `requestId` to `req.log` (routes and the error handler
 * log through it), and writes one line per request when it completes:
 * `{ requestId, method, route, path, status, durationMs, userId? }`. 5xx log at `error`, the rest
 * at `info`, quiet paths at `debug`. Mount it after {@link requestId} so the ids agree.
 *
 * @example
 * app.use(requestId());
 * app.use(requestLogging(logger));
 * app.use((error, req, res, next) => { req.log.error({ err: error }, 'unexpected error'); … });
 */
export function requestLogging(logger: Logger, options: RequestLoggingOptions = {}): RequestHandler {
  const quietPaths = new Set(options.quietPaths ?? DEFAULT_QUIET_PATHS);
  const isQuiet = (req: Request) =>
    (req.method === 'GET' || req.method === 'HEAD') && quietPaths.has(pathOf(req));
  const middleware = pinoHttp<Request, Response, never>({
    logger,
    genReqId: (req, res) => resolveRequestId(req, res),
    customAttributeKeys: { reqId: 'requestId' },
    // Bind only the id, not the whole request: a serialised request carries every header.
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (req, res, error): LevelWithSilent => {
      const failed = error !== undefined || res.statusCode >= 500;
      if (isQuiet(req)) return failed ? 'warn' : 'debug';
      return failed ? 'error' : 'info';
    },
    customSuccessMessage: (req, res, durationMs) =>
      `${req.method} ${pathOf(req)} ${res.statusCode} in ${durationMs} ms`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} failed with ${res.statusCode}`,
    customSuccessObject: (req, res, fields: { responseTime: number }) =>
      completionFields(req, res, fields.responseTime),
    // pino-http invents an Error for every 5xx; the error handler already logged the real one.
    customErrorObject: (req, res, error, fields: { responseTime: number }) => ({
      ...completionFields(req, res, fields.responseTime),
      ...(error.message.startsWith('failed with status code') ? {} : { err: error }),
    }),
  });
  return (req, res, next) => middleware(req, res, next);
}

/**
 * The logger of `req` (its lines carry `requestId`), or `fallback` when {@link requestLogging}
 * did not run, e.g. for an error raised before it.
 *
 * @example
 * app.use(handleErrors((message, error) => logger.error({ err: error }, message)));
 * // better, once handleErrors passes req:
 * loggerOf(req, logger).error({ err: error }, message);
 */
export function loggerOf(req: Request, fallback: Logger): Logger {
  const log: unknown = (req as { log?: unknown }).log;
  return log !== undefined && log !== null ? (log as Logger) : fallback;
}

export type { Logger };
