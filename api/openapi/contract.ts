import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { RequestHandler } from 'express';
import { ApiError } from '../errors';
import { hasBody, jsonObjectBody } from '../json-body';
import { buildOpenApiDocument } from './document';
import { OPERATIONS, type Operation } from './operations';

interface CompiledOperation {
  readonly operation: Operation;
  readonly params?: ValidateFunction;
  readonly query?: ValidateFunction;
  readonly body?: ValidateFunction;
  readonly responses: ReadonlyMap<number, ValidateFunction>;
}

function describe(errors: readonly ErrorObject[] | null | undefined, where: string): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => {
      const at = `${where}${e.instancePath.replace(/\//g, '.')}`;
      if (e.keyword === 'additionalProperties') {
        return `${at} has an unknown member '${String(e.params.additionalProperty)}'`;
      }
      if (e.keyword === 'enum')
        return `${at} must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
      return `${at} ${e.message ?? 'is invalid'}`;
    })
    .join('; ');
}

/**
 * Path parameters must be exactly the declared ones; unknown query parameters are ignored (a
 * cache-busting `?t=…` on a health probe must not read as unhealthy), declared ones are checked.
 */
function parameterSchema(operation: Operation, location: 'path' | 'query') {
  const parameters = operation.parameters.filter((p) => p.in === location);
  if (parameters.length === 0) return undefined;
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
    additionalProperties: location === 'query',
  };
}

/**
 * The API's contract compiled once: request checks for the router and response checks for tests
 * (and for the app when `validateResponses` is on). Uses ajv's JSON Schema 2020-12 dialect, the
 * one OpenAPI 3.1 is built on.
 */
export class ApiContract {
  readonly document: ReturnType<typeof buildOpenApiDocument>;
  private readonly byId = new Map<string, CompiledOperation>();

  constructor(version: string) {
    this.document = buildOpenApiDocument(version);
    const bodies = new Ajv2020({ strict: false, allErrors: true });
    // Query strings are text: coerce "20" and "true" to the schema's types.
    const parameters = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true });
    for (const ajv of [bodies, parameters]) {
      addFormats(ajv);
      ajv.addSchema(this.document, 'openapi');
    }
    const ref = (name: string) => bodies.compile({ $ref: `openapi#/components/schemas/${name}` });
    for (const operation of OPERATIONS) {
      const path = parameterSchema(operation, 'path');
      const query = parameterSchema(operation, 'query');
      const responses = new Map<number, ValidateFunction>();
      for (const [status, answer] of Object.entries(operation.responses)) {
        if (typeof answer === 'string') responses.set(Number(status), ref(answer));
      }
      this.byId.set(operation.operationId, {
        operation,
        ...(path ? { params: parameters.compile(path) } : {}),
        ...(query ? { query: parameters.compile(query) } : {}),
        ...(operation.body ? { body: ref(operation.body) } : {}),
        responses,
      });
    }
  }

  operation(operationId: string): CompiledOperation {
    const compiled = this.byId.get(operationId);
    if (!compiled) throw new Error(`no operation '${operationId}' in the contract`);
    return compiled;
  }

  /**
   * Middleware checking a request's path parameters, query and JSON body against the operation;
   * a mismatch is a 400 saying which member is wrong and what would be right.
   *
   * @example
   * router.post('/projects/:id/cancel', contract.validateRequest('cancelProject'), handler);
   */
  validateRequest(operationId: string): RequestHandler {
    const { operation, params, query, body } = this.operation(operationId);
    return (req, _res, next) => {
      if (params && !params(req.params)) {
        throw new ApiError('INVALID_REQUEST', `the path is not usable: ${describe(params.errors, 'path')}`);
      }
      if (query) {
        const values = { ...(req.query as Record<string, unknown>) };
        if (!query(values)) {
          const known = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
          throw new ApiError(
            'INVALID_QUERY',
            `${describe(query.errors, 'query')}${known.length > 0 ? ` (parameters: ${known.join(', ')})` : ' (this endpoint takes no query parameters)'}`,
          );
        }
        // Keep the coerced values for the route (Express 5's req.query is a getter).
        Object.defineProperty(req, 'query', { value: values, writable: true, configurable: true });
      }
      if (body) {
        // No body at all reads as `{}`, so a missing required member is named in the error.
        if (!hasBody(req)) req.body = {};
        jsonObjectBody(req, `a JSON object (${operation.body}, see /openapi.json)`);
        if (!body(req.body)) {
          throw new ApiError(
            'INVALID_REQUEST',
            `the body does not fit ${operation.body}: ${describe(body.errors, 'body')}`,
          );
        }
      }
      next();
    };
  }

  /**
   * Why a response does not fit the contract, or undefined when it does.
   *
   * @example
   * expect(contract.responseProblem('getProject', 200, body)).toBeUndefined();
   */
  responseProblem(operationId: string, status: number, body: unknown): string | undefined {
    const { responses, operation } = this.operation(operationId);
    if (!(status in operation.responses)) {
      return `${operationId} answered ${status}, which the contract does not list (${Object.keys(operation.responses).join(', ')})`;
    }
    const check = responses.get(status);
    if (!check || check(body)) return undefined;
    return `${operationId} ${status}: ${describe(check.errors, 'body')}`;
  }
}
