import { PROBLEM_CONTENT_TYPE } from '../errors';
import { OPERATIONS, type Operation } from './operations';
import { schemas } from './schemas';

type Json = Record<string, unknown>;

const DESCRIPTION = `Kick off projects of standard operating procedures (SOPs), act on their steps, tasks and approvals,
and read their audit trail. Every endpoint but /healthz, /openapi.json and /docs needs credentials:
an API key (\`Authorization: Bearer <key>\` or \`X-Api-Key\`) or a JWT (HS256/RS256). Errors are RFC 9457
problem details with a stable \`code\`.`;

function response(operation: Operation, status: number): Json {
  const answer = operation.responses[status]!;
  if (typeof answer !== 'string') {
    return {
      description: answer.description,
      content: { [answer.mediaType]: { schema: { type: 'string' } } },
    };
  }
  const mediaType = answer === 'Problem' ? PROBLEM_CONTENT_TYPE : 'application/json';
  const content: Json = { [mediaType]: { schema: { $ref: `#/components/schemas/${answer}` } } };
  if (operation.operationId === 'getAuditTrail' && status === 200) {
    content['application/x-ndjson'] = { schema: { type: 'string', description: 'One AuditEntry per line' } };
    content['text/csv'] = { schema: { type: 'string', description: 'RFC 4180 CSV with a header row' } };
  }
  return { description: answer === 'Problem' ? 'A problem (see code and detail)' : answer, content };
}

function toOpenApiOperation(operation: Operation): Json {
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    ...(operation.authenticated ? {} : { security: [] }),
    ...(operation.parameters.length > 0 ? { parameters: operation.parameters } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${operation.body}` } } },
          },
        }
      : {}),
    ...(operation.rawBody
      ? {
          requestBody: {
            required: true,
            description: operation.rawBody.description,
            content: Object.fromEntries(
              operation.rawBody.mediaTypes.map((type) => [type, { schema: { type: 'string' } }]),
            ),
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.keys(operation.responses).map((status) => [status, response(operation, Number(status))]),
    ),
  };
}

/**
 * The OpenAPI 3.1 document served at `/openapi.json`.
 *
 * @example
 * const doc = buildOpenApiDocument('0.1.0');
 * Object.keys(doc.paths); // ['/healthz', '/metrics', '/sops', …]
 */
export function buildOpenApiDocument(version: string): Json & { paths: Record<string, Json> } {
  const paths: Record<string, Json> = {};
  for (const operation of OPERATIONS) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: toOpenApiOperation(operation) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'SOP engine API',
      version,
      description: DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    tags: [
      { name: 'SOPs', description: 'The procedures projects follow' },
      { name: 'Projects', description: 'Start, find, read and cancel projects' },
      { name: 'Work', description: 'Tasks, forms and approvals: what people do' },
      { name: 'Audit', description: 'History, notifications and the tamper-evident audit trail' },
      { name: 'Operations', description: 'Health, metrics and KPIs' },
    ],
    security: [{ bearer: [] }, { apiKey: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A JWT (HS256/RS256) or an API key' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      },
    },
  };
}
