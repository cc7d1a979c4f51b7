import type { Request, RequestHandler, Response, Router } from 'express';
import type { ApiContract } from './contract';

/** What a route handler gets: the request and response, with handlers free to throw ApiErrors. */
export type Handler = (req: Request, res: Response) => Promise<void> | void;

/** A path parameter (validated by the contract before the handler runs). */
export function pathParam(req: Request, name: string): string {
  const value = req.params[name];
  return Array.isArray(value) ? value.join('/') : (value ?? '');
}

/** A single query value the contract let through (strings only; repeated keys were refused). */
export function queryParam(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `/projects/{id}/audit` → `/projects/:id/audit` */
export function expressPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}

/**
 * Wraps `res.json` so an answer outside the contract is caught where it is made: logged, and
 * (when strict, as in tests) turned into a 500 so no test passes on a response the document
 * does not describe.
 */
function checkResponses(
  contract: ApiContract,
  operationId: string,
  onMismatch: (problem: string) => 'send' | 'fail',
): RequestHandler {
  return (_req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const problem = contract.responseProblem(operationId, res.statusCode, body);
      if (problem && onMismatch(problem) === 'fail') {
        res.status(500).type('application/problem+json');
        return res.send(
          JSON.stringify({
            type: 'urn:sop-engine:problem:invalid-response',
            title: 'The server produced a response outside its contract',
            status: 500,
            code: 'INVALID_RESPONSE',
            detail: problem,
          }),
        );
      }
      return json(body);
    };
    next();
  };
}

/** Options every route of an app shares. */
export interface RouteOptions {
  readonly onResponseMismatch?: (problem: string) => 'send' | 'fail';
  /** Middleware run before validation, e.g. a body parser for a non-JSON body. */
  readonly before?: readonly RequestHandler[];
}

/**
 * Registers the handler of one operation of the contract at its path, behind request validation
 * (and response checking when asked).
 *
 * @example
 * route(router, contract, 'getProject', async (req, res) => { res.json(await readProject(deps, req.params.id)); });
 */
export function route(
  router: Router,
  contract: ApiContract,
  operationId: string,
  handler: Handler,
  options: RouteOptions = {},
): void {
  const { operation } = contract.operation(operationId);
  const chain: RequestHandler[] = [...(options.before ?? []), contract.validateRequest(operationId)];
  if (options.onResponseMismatch)
    chain.push(checkResponses(contract, operationId, options.onResponseMismatch));
  router[operation.method](expressPath(operation.path), ...chain, async (req, res) => {
    await handler(req, res);
  });
}
