import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { ApiError, PROBLEM_CONTENT_TYPE, toProblemDetails } from './errors';
import { isTemporalUnavailable, isWorkflowNotFound } from './temporal-errors';

/**
 * Sends an ApiError as `application/problem+json`.
 *
 * @example
 * sendProblem(res, new ApiError('UNKNOWN_PROJECT', "no project 'p-1'"), req.originalUrl);
 */
export function sendProblem(res: Response, error: ApiError, instance?: string): void {
  res
    .status(error.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(toProblemDetails(error, instance)));
}

/** What body-parser attaches to the errors it throws. */
interface BodyParserError {
  readonly type?: string;
  readonly status?: number;
  readonly limit?: number;
  readonly message?: string;
}

/** Body-parser's errors are client mistakes: say which one in words. */
function fromBodyParser(error: BodyParserError): ApiError | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new ApiError(
        'MALFORMED_JSON',
        `the body could not be parsed as JSON (${error.message ?? 'syntax error'}); send one JSON object`,
      );
    case 'entity.too.large':
      return new ApiError(
        'PAYLOAD_TOO_LARGE',
        `the body is larger than the limit of ${error.limit ?? '?'} bytes; send less data per request`,
      );
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        `${error.message ?? 'unsupported encoding'}; send UTF-8 JSON without content encoding`,
      );
    default:
      return undefined;
  }
}

/**
 * Temporal's answers that no route turned into a problem. An update sent to a workflow that has
 * ended comes back as "not found: workflow execution already completed" (e.g. cancelling a
 * project twice): the caller's mistake, so a 409, never a 500. Other "not found" answers stay
 * 500s: a route that reads a project it did not look up first has a bug worth logging. Timeouts
 * and an unreachable server are a 503 (retry).
 */
function fromTemporal(error: unknown): ApiError | undefined {
  if (isTemporalUnavailable(error)) {
    return new ApiError(
      'TEMPORAL_UNAVAILABLE',
      'Temporal did not answer in time; retry shortly (if this persists, check the Temporal server and the worker)',
    );
  }
  if (isWorkflowNotFound(error) && /already completed/i.test(error instanceof Error ? error.message : '')) {
    return new ApiError(
      'PROJECT_ENDED',
      'the project has ended and takes no more actions; its state and history stay readable',
    );
  }
  return undefined;
}

/**
 * Turns anything a route throws into a problem response: ApiErrors as they are, body-parser's
 * errors as 400/413/415, Temporal timeouts as 503, an update to an ended project as 409. Anything
 * else is a 500 whose details are logged, never shown to the caller.
 *
 * @example
 * app.use(handleErrors((message, error) => console.error(message, error)));
 */
export function handleErrors(
  log: (message: string, error: unknown, req: Request) => void,
): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known =
      error instanceof ApiError ? error : (fromBodyParser(error as BodyParserError) ?? fromTemporal(error));
    if (known) {
      sendProblem(res, known, req.originalUrl);
      return;
    }
    log(`unexpected error on ${req.method} ${req.originalUrl}`, error, req);
    sendProblem(
      res,
      new ApiError('INTERNAL', 'the server failed to handle this request; it has been logged'),
      req.originalUrl,
    );
  };
}

/**
 * The last route handler: a 404 problem for every path nobody matched, listing the endpoints.
 *
 * @example
 * app.use(unknownRoute);
 */
export const unknownRoute: RequestHandler = (req, res) => {
  sendProblem(
    res,
    new ApiError(
      'UNKNOWN_ROUTE',
      `there is no ${req.method} ${req.path}; every endpoint is listed in GET /openapi.json (browsable at /docs)`,
    ),
    req.originalUrl,
  );
};
