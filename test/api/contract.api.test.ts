/**
 * The REST API against its own contract. First the OpenAPI document itself: public, OpenAPI
 * 3.1.0, every `$ref` resolving, one operationId per operation, every documented route served
 * and Swagger UI loading. Then every operation called for real (Temporal dev server, worker):
 * a valid request and each documented error answer it can be made to give. Every reply is
 * checked against the document by a contract built here, not the app's, and the
 * (operationId, status) pairs seen are tallied; the last test insists that every operation
 * answered a 2xx at least once and prints the documented answers nobody provoked.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { API_VERSION, createApp } from '../../api/app';
import { parseHttpHardening } from '../../api/http';
import { ApiContract } from '../../api/openapi/contract';
import { OPERATIONS, type Operation } from '../../api/openapi/operations';
import { expressPath } from '../../api/openapi/route';
import {
  CHANGE_REQUEST_FORM,
  CHANGE_REQUEST_INPUT,
  LAUNCH_INPUT,
  REQUIREMENTS,
  taskPlan,
} from '../support/project-harness';
import { ROOT } from '../support/sop-fixtures';
import { BRIDGE_KEY, startApiHarness, type ApiHarness, type Reply } from './support/api-harness';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApiHarness();
});

afterAll(async () => {
  await api?.close();
});

/** The contract every reply is checked against: built here from the same sources as the app's. */
const contract = new ApiContract(API_VERSION);
/** `operationId status` of every reply checked so far. */
const exercised = new Set<string>();
const NO_PROJECT = 'project-00000000000000000000000000000000';
const LAUNCH = { sop: 'new-product-launch', input: LAUNCH_INPUT };
const CHANGE_REQUEST = CHANGE_REQUEST_FORM;

interface Answer extends Reply {
  readonly headers: Headers;
}

interface CallOptions {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Who calls: a user (JWT), `null` for nobody, default the `oa-bridge` integration (API key). */
  readonly as?: string | null;
  /** Another app of the harness (`api.serveWith`). */
  readonly baseUrl?: string;
}

function operationOf(operationId: string): Operation {
  const operation = OPERATIONS.find((o) => o.operationId === operationId);
  if (!operation) throw new Error(`no operation '${operationId}'`);
  return operation;
}

const mediaTypeOf = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();
const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');
const preview = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 300);

async function send(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> =
    options.as === null
      ? {}
      : options.as === undefined
        ? { 'X-Api-Key': BRIDGE_KEY }
        : { Authorization: `Bearer ${await api.tokenFor(options.as)}` };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  Object.assign(headers, options.headers);
  const response = await fetch(`${options.baseUrl ?? api.baseUrl}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    contentType,
    location: response.headers.get('location'),
    headers: response.headers,
    body: text !== '' && isJson(mediaTypeOf(contentType)) ? JSON.parse(text) : text,
  };
}

type DocumentedResponses = Record<string, { readonly content?: Record<string, unknown> }>;

function documentedResponses(operation: Operation): DocumentedResponses {
  const path = contract.document.paths[operation.path] as Record<string, { responses: DocumentedResponses }>;
  return path[operation.method]!.responses;
}

/** Every way a reply departs from the document: status, media type, body schema, problem members. */
function contractProblems(operationId: string, reply: Answer): string[] {
  const operation = operationOf(operationId);
  const responses = documentedResponses(operation);
  const at = `${operation.method.toUpperCase()} ${operation.path} (${operationId}) → ${reply.status}`;
  const documented = responses[String(reply.status)];
  if (!documented) {
    return [
      `${at}: status not documented (documented: ${Object.keys(responses).join(', ')}); body ${preview(reply.body)}`,
    ];
  }
  const problems: string[] = [];
  const mediaType = mediaTypeOf(reply.contentType);
  const mediaTypes = Object.keys(documented.content ?? {});
  if (!mediaTypes.includes(mediaType)) {
    problems.push(`${at}: sent as '${mediaType}', documented as ${mediaTypes.join(', ')}`);
  }
  if (isJson(mediaType)) {
    const mismatch = contract.responseProblem(operationId, reply.status, reply.body);
    if (mismatch) problems.push(`${at}: ${mismatch}`);
  }
  if ('application/problem+json' in (documented.content ?? {})) {
    const problem = (reply.body ?? {}) as Record<string, unknown>;
    for (const member of ['type', 'title', 'code', 'detail']) {
      if (typeof problem[member] !== 'string' || problem[member] === '') {
        problems.push(`${at}: the problem has no '${member}'`);
      }
    }
    if (problem.status !== reply.status) {
      problems.push(`${at}: the problem says status ${String(problem.status)}`);
    }
  }
  return problems;
}

/** Calls an operation, checks the reply against the document and tallies (operationId, status). */
async function call(operationId: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const reply = await send(operationOf(operationId).method.toUpperCase(), path, options);
  expect(contractProblems(operationId, reply)).toEqual([]);
  exercised.add(`${operationId} ${reply.status}`);
  return reply;
}

/** The status (and problem code, and detail) a reply must have; a mismatch shows the whole body. */
function expectAnswer(reply: Answer, status: number, code?: string, detail?: string | RegExp): void {
  expect({ status: reply.status, code: reply.body?.code, body: reply.body }).toMatchObject({
    status,
    ...(code !== undefined ? { code } : {}),
  });
  if (detail !== undefined) expect(reply.body.detail).toMatch(detail);
}

/** One request and the answer it must get: status, and for problems the code and a detail pattern. */
type Expectation = readonly [
  operationId: string,
  path: string,
  options: CallOptions,
  status: number,
  code?: string,
  detail?: string | RegExp,
];

/** Sends the requests in order, checking each answer; a mismatch names the request and shows the body. */
async function expectAnswers(expectations: readonly Expectation[]): Promise<void> {
  for (const [operationId, path, options, status, code, detail] of expectations) {
    const reply = await call(operationId, path, options);
    const request = `${operationId} ${path}`;
    expect({ request, status: reply.status, code: reply.body?.code, body: reply.body }).toMatchObject({
      request,
      status,
      ...(code !== undefined ? { code } : {}),
    });
    if (detail !== undefined) {
      const text = String(reply.body.detail);
      const matches = typeof detail === 'string' ? text.includes(detail) : detail.test(text);
      expect({ request, detail: text, pattern: String(detail), matches }).toMatchObject({ matches: true });
    }
  }
}

/** Polls until `done` holds, for visibility and deliveries that land a moment later. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within 15 s; last: ${preview(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const project = (id: string, rest = '') => `/projects/${encodeURIComponent(id)}${rest}`;

async function kickOff(body: unknown, as: string | undefined = 'zhang.min'): Promise<string> {
  const reply = await call('kickOffProject', '/projects', {
    body,
    as,
    headers: { 'Idempotency-Key': `contract-${randomUUID()}` },
  });
  expectAnswer(reply, 201);
  return reply.body.id as string;
}

/** A launch project waiting in `progress` with tasks t1 (sun.peng, rnd) and t2 (lin.tao, sales). */
async function launchInProgress(): Promise<string> {
  const id = await kickOff(LAUNCH);
  const requirement = await call('submitForm', project(id, '/steps/requirement/submit'), {
    as: 'he.yun',
    body: { data: REQUIREMENTS },
  });
  expectAnswer(requirement, 200);
  const breakdown = await call('submitForm', project(id, '/steps/breakdown/submit'), {
    as: 'zhang.min',
    body: { data: taskPlan('2027-01-10') },
  });
  expect(breakdown.body).toEqual({ id, accepted: true, status: 'active', steps: ['progress'] });
  return id;
}

/** Sample values for a documented path, so every route can be called. */
function samplePath(operation: Operation): string {
  const samples: Record<string, string> = {
    id: NO_PROJECT,
    sopId: 'new-product-launch',
    version: '1.0.0',
    stepId: 'requirement',
    taskId: 't1',
  };
  return operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => samples[name] ?? 'x');
}

/** A body each operation with one accepts (shape-wise), for the checks that must pass validation. */
const VALID_BODIES: Record<string, unknown> = {
  kickOffProject: LAUNCH,
  validateSop: { yaml: 'id: x' },
  cancelProject: { reason: 'no longer needed' },
  actOnProject: { type: 'task.update', actor: { user: 'sun.peng' }, task: 't1', status: 'in_progress' },
  updateTaskStatus: { status: 'in_progress' },
  flagTaskNeedsHelp: { comment: 'waiting for parts' },
  completeTask: { comment: 'done' },
  submitForm: { data: REQUIREMENTS },
  decideApproval: { decision: 'approve' },
};

describe('the OpenAPI document', () => {
  it('GET /openapi.json is public OpenAPI 3.1.0 with unique operationIds, declared path parameters and resolving $refs', async () => {
    const reply = await send('GET', '/openapi.json', { as: null });
    expect(reply.status).toBe(200);
    expect(mediaTypeOf(reply.contentType)).toBe('application/json');
    const doc = reply.body;
    expect(doc).toMatchObject({
      openapi: '3.1.0',
      info: { version: API_VERSION },
      jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    });
    expect(doc).toEqual(JSON.parse(JSON.stringify(contract.document)));

    const ids = OPERATIONS.map((o) => o.operationId);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    const served: string[] = [];
    interface DocumentedOperation {
      readonly operationId: string;
      readonly parameters?: readonly { name: string; in: string; required?: boolean }[];
      readonly security?: readonly unknown[];
    }
    for (const [path, methods] of Object.entries(
      doc.paths as Record<string, Record<string, DocumentedOperation>>,
    )) {
      for (const [method, operation] of Object.entries(methods)) {
        served.push(operation.operationId);
        expect(operationOf(operation.operationId)).toMatchObject({ path, method });
        // Every {param} of the path is a required path parameter, and no other is declared.
        const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
        const declared = (operation.parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => `${p.name}${p.required ? '' : ' (optional!)'}`)
          .sort();
        expect({ path, method, declared }).toEqual({ path, method, declared: templated });
        const public_ = !operationOf(operation.operationId).authenticated;
        expect({ path, security: operation.security }).toEqual({ path, security: public_ ? [] : undefined });
      }
    }
    expect(served.sort()).toEqual([...ids].sort());

    const refs: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.push(value);
          else collect(value);
        }
      }
    };
    collect(doc);
    const resolve = (ref: string): unknown =>
      ref.startsWith('#/')
        ? ref
            .slice(2)
            .split('/')
            .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
            .reduce<unknown>(
              (node, key) =>
                node !== null && typeof node === 'object'
                  ? (node as Record<string, unknown>)[key]
                  : undefined,
              doc,
            )
        : undefined;
    expect(refs.length).toBeGreaterThan(30);
    expect(refs.filter((ref) => resolve(ref) === undefined)).toEqual([]);
    // Every component schema is used by something (no dead definitions).
    const used = new Set(refs.map((ref) => ref.split('/').pop()));
    expect(Object.keys(doc.components.schemas).filter((name) => !used.has(name))).toEqual([]);
  });

  it('the app serves every documented path and method (never 404 UNKNOWN_ROUTE) and no undocumented route', async () => {
    for (const operation of OPERATIONS) {
      const reply = await call(operation.operationId, samplePath(operation));
      expect({ route: `${operation.method} ${operation.path}`, code: reply.body?.code }).not.toEqual({
        route: `${operation.method} ${operation.path}`,
        code: 'UNKNOWN_ROUTE',
      });
    }

    // The other way round: every route the Express app registers is an operation, or one of the
    // public documentation routes, or the rate limiter in front of the actions.
    interface Layer {
      readonly route?: { readonly path: string; readonly methods: Record<string, boolean> };
      readonly handle?: { readonly stack?: readonly Layer[] };
    }
    const routesOf = (stack: readonly Layer[]): string[] =>
      stack.flatMap((layer) =>
        layer.route
          ? Object.keys(layer.route.methods).map((method) => `${method} ${layer.route!.path}`)
          : routesOf(layer.handle?.stack ?? []),
      );
    const app = createApp(api.deps) as unknown as { router: { stack: Layer[] } };
    const registered = new Set(routesOf(app.router.stack));
    const documented = OPERATIONS.map((o) => `${o.method} ${expressPath(o.path)}`);
    expect(documented.filter((route) => !registered.has(route))).toEqual([]);
    const extra = ['get /openapi.json', 'get /docs', 'get /docs/init.js', 'post /projects/:id/*rest'];
    expect([...registered].filter((route) => !documented.includes(route)).sort()).toEqual(extra.sort());
  });

  it('GET /docs is a public Swagger UI page whose scripts and stylesheet load from swagger-ui-dist', async () => {
    const page = await send('GET', '/docs', { as: null });
    expect(page.status).toBe(200);
    expect(mediaTypeOf(page.contentType)).toBe('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = page.body as string;
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
    const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toEqual(expect.arrayContaining(['/docs/assets/swagger-ui-bundle.js']));
    expect(styles).toEqual(['/docs/assets/swagger-ui.css']);

    const load = async (url: string, type: RegExp) => {
      const asset = await send('GET', url, { as: null });
      expect({ url, status: asset.status, type: mediaTypeOf(asset.contentType) }).toEqual({
        url,
        status: 200,
        type: expect.stringMatching(type),
      });
      const file = url.startsWith('/docs/assets/') ? url.slice('/docs/assets/'.length) : undefined;
      if (file) {
        // Byte for byte the installed swagger-ui-dist file, so the UI works offline.
        expect(Buffer.byteLength(asset.body as string)).toBe(statSync(join(getAbsoluteFSPath(), file)).size);
      }
      return asset.body as string;
    };
    const loaded = await Promise.all(scripts.map((url) => load(url, /^(text|application)\/javascript$/)));
    for (const url of styles) await load(url, /^text\/css$/);
    expect(loaded.some((script) => script.includes('SwaggerUIBundle'))).toBe(true);
    // The page's own start-up script points Swagger UI at the contract.
    expect(loaded.find((script) => script.includes("url: '/openapi.json'"))).toBeDefined();
  });
});

describe('every operation, with its documented answers', () => {
  it('getHealth: 200 when every check is well, 503 with the checks when one is not', async () => {
    expectAnswer(await call('getHealth', '/healthz', { as: null }), 200);
    const unwell = await api.serveWith({
      health: () => Promise.resolve({ ok: false, checks: { temporal: true, worker: 'no worker polling' } }),
    });
    const reply = await call('getHealth', '/healthz', { as: null, baseUrl: unwell });
    expectAnswer(reply, 503);
    expect(reply.body).toEqual({ ok: false, checks: { temporal: true, worker: 'no worker polling' } });
    // Unknown query parameters (a probe's cache buster) are ignored: the answer is as without them.
    const probed = await call('getHealth', '/healthz?probe=1&t=1700000000', { as: null });
    expectAnswer(probed, 200);
    expect(probed.body).toEqual((await call('getHealth', '/healthz', { as: null })).body);
    const unwellProbed = await call('getHealth', '/healthz?probe=1', { as: null, baseUrl: unwell });
    expectAnswer(unwellProbed, 503);
    expect(unwellProbed.body).toEqual(reply.body);
  });

  it('getMetrics: Prometheus text for the monitoring role and ops admins, 401 without credentials, 403 otherwise', async () => {
    const scraped = await call('getMetrics', '/metrics', { as: 'prometheus' });
    expectAnswer(scraped, 200);
    expect(scraped.body).toContain('# TYPE sop_workflow_starts_total counter');
    expect(scraped.body).toContain('sop_auth_denials_total');
    // prettier-ignore
    await expectAnswers([
      ['getMetrics', '/metrics', { as: 'xie.fang' }, 200],
      ['getMetrics', '/metrics?format=openmetrics', { as: 'prometheus' }, 200], // unknown parameter: ignored
      ['getMetrics', '/metrics', { as: null }, 401, 'UNAUTHENTICATED'],
      ['getMetrics', '/metrics', { as: 'li.na' }, 403, 'ACCESS_DENIED', /monitoring/],
    ]);
  });

  it('listSops, getSop, getSopVersion, getSopDiagram: the catalogue; 404 for unknown SOPs and versions; 400', async () => {
    const list = await call('listSops', '/sops', { as: 'he.yun' });
    expectAnswer(list, 200);
    expect(list.body.sops.map((s: { id: string }) => s.id)).toEqual([
      'change-request-approval',
      'incident-response',
      'new-product-launch',
    ]);
    const launchHash = api.catalogue.get('new-product-launch')!.hash;
    expect(list.body.sops[2]).toEqual({
      id: 'new-product-launch',
      title: '新产品上市',
      latestVersion: '1.0.0',
      versions: [{ version: '1.0.0', hash: launchHash }],
    });
    // Unknown query parameters are ignored (declared ones are still checked, below).
    const listQueried = await call('listSops', '/sops?page=2&sort=title', { as: 'he.yun' });
    expectAnswer(listQueried, 200);
    expect(listQueried.body).toEqual(list.body);
    const sop = await call('getSop', '/sops/new-product-launch', { as: 'he.yun' });
    expectAnswer(sop, 200);
    expect(sop.body).toMatchObject({ id: 'new-product-launch', version: '1.0.0', hash: launchHash });
    expect(sop.body.steps.map((s: { id: string }) => s.id)).toEqual([
      'requirement',
      'breakdown',
      'progress',
      'retrospective',
      'closed',
      'cancelled',
    ]);
    expect(sop.body.input.required).toEqual(['projectName', 'initiator', 'projectManager', 'members']);
    const asYaml = await call('getSop', '/sops/new-product-launch?format=yaml', { as: 'he.yun' });
    expectAnswer(asYaml, 200);
    expect(asYaml.body).toEqual(sop.body); // no such option: ignored, the same JSON
    const version = await call('getSopVersion', '/sops/change-request-approval/versions/2.0.0');
    expectAnswer(version, 200);
    expect(version.body).toMatchObject({ id: 'change-request-approval', version: '2.0.0' });
    const diagram = await call('getSopDiagram', '/sops/new-product-launch/diagram?version=1.0.0');
    expectAnswer(diagram, 200);
    expect(diagram.body.mermaid).toContain('stateDiagram-v2');
    expect(diagram.body.mermaid).toContain('requirement --> breakdown');

    // prettier-ignore
    await expectAnswers([
      ['getSop', '/sops/new-product-lunch', {}, 404, 'UNKNOWN_SOP', /new-product-launch/],
      ['getSopVersion', '/sops/new-product-launch/versions/9.9.9', {}, 404, 'UNKNOWN_SOP', /versions: 1\.0\.0/],
      ['getSopVersion', '/sops/nope/versions/1.0.0', {}, 404, 'UNKNOWN_SOP'],
      ['getSopDiagram', '/sops/new-product-launch/diagram?version=9.9.9', {}, 404, 'UNKNOWN_SOP'],
      ['getSopDiagram', '/sops/nope/diagram', {}, 404, 'UNKNOWN_SOP'],
      ['getSop', `/sops/${'x'.repeat(201)}`, {}, 400, 'INVALID_REQUEST', /sopId/],
      ['getSopVersion', `/sops/new-product-launch/versions/${'9'.repeat(65)}`, {}, 400, 'INVALID_REQUEST'],
      ['getSopDiagram', '/sops/new-product-launch/diagram?version=', {}, 400, 'INVALID_QUERY'],
    ]);
  });

  it('validateSop: a shipped SOP is valid; a typo is reported at its line and column; 400, 403, 413, 415', async () => {
    const text = readFileSync(join(ROOT, 'sop-definitions', 'new-product-launch.yaml'), 'utf8');
    const valid = await call('validateSop', '/sops/validate', {
      as: 'xie.fang',
      body: { yaml: text, file: 'new-product-launch.yaml' },
    });
    expectAnswer(valid, 200);
    const sop = {
      id: 'new-product-launch',
      version: '1.0.0',
      hash: api.catalogue.get('new-product-launch')!.hash,
    };
    expect(valid.body).toEqual({ valid: true, errors: 0, warnings: 0, sop, problems: [] });

    expect(text.match(/next: breakdown\b/g)).toHaveLength(1);
    const typo = text.replace('next: breakdown', 'next: breakdwon');
    const lines = typo.split('\n');
    const line = lines.findIndex((l) => l.includes('next: breakdwon')) + 1;
    const column = lines[line - 1]!.indexOf('breakdwon') + 1;
    const invalid = await call('validateSop', '/sops/validate', {
      as: 'xie.fang',
      body: { yaml: typo, file: 'launch-typo.yaml' },
    });
    expectAnswer(invalid, 200);
    expect(invalid.body).toMatchObject({ valid: false, errors: 1 });
    expect(invalid.body.sop).toBeUndefined();
    expect(invalid.body.problems).toEqual([
      expect.objectContaining({
        code: 'UNKNOWN_TARGET',
        severity: 'error',
        file: 'launch-typo.yaml',
        line,
        column,
        hint: expect.stringContaining("'breakdown'"),
        text: expect.stringMatching(
          new RegExp(`^launch-typo\\.yaml:${line}:${column}: error: .*\\[UNKNOWN_TARGET\\]`),
        ),
      }),
    ]);
    // Broken YAML is positioned too: on the line of the damage, not at the top.
    const broken = await call('validateSop', '/sops/validate', {
      as: 'xie.fang',
      body: { yaml: 'apiVersion: sop/v1\nid: [unclosed\n' },
    });
    expectAnswer(broken, 200);
    expect(broken.body.valid).toBe(false);
    expect(broken.body.problems[0]).toMatchObject({ file: 'posted.yaml', line: expect.any(Number) });
    expect(broken.body.problems[0].line).toBeGreaterThanOrEqual(2);

    const yaml = { 'content-type': 'application/yaml' };
    // prettier-ignore
    await expectAnswers([
      ['validateSop', '/sops/validate', { as: 'xie.fang', body: { file: 'x.yaml' } }, 400, 'INVALID_REQUEST', /yaml/],
      ['validateSop', '/sops/validate', { as: 'xie.fang', body: '{"yaml": ' }, 400, 'MALFORMED_JSON'],
      ['validateSop', '/sops/validate', { as: 'li.na', body: { yaml: text } }, 403, 'ACCESS_DENIED', /ops admins/],
      ['validateSop', '/sops/validate', { as: 'song.jia', body: { yaml: text } }, 403, 'ACCESS_DENIED'],
      ['validateSop', '/sops/validate', { as: 'xie.fang', body: text, headers: yaml }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['validateSop', '/sops/validate', { as: 'xie.fang', body: { yaml: 'x'.repeat(300_000) } }, 413, 'PAYLOAD_TOO_LARGE'],
    ]);
  });

  it('kickOffProject: 201, then 200 for the same key; 400, 403 for auditors, 404, 422', async () => {
    const key = { 'Idempotency-Key': `contract-${randomUUID()}` };
    const first = await call('kickOffProject', '/projects', { as: 'zhang.min', body: LAUNCH, headers: key });
    expectAnswer(first, 201);
    expect(first.location).toBe(`/projects/${first.body.id}`);
    const again = await call('kickOffProject', '/projects', { as: 'zhang.min', body: LAUNCH, headers: key });
    expectAnswer(again, 200);
    expect(again.body).toEqual(first.body);
    const changed = { ...LAUNCH, input: { ...LAUNCH_INPUT, projectName: 'Borealis' } };
    const reused = await call('kickOffProject', '/projects', {
      as: 'zhang.min',
      body: changed,
      headers: key,
    });
    expectAnswer(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(reused.body.project).toBe(first.body.id);

    const fresh = () => ({ 'Idempotency-Key': `contract-${randomUUID()}` });
    const input = (change: Record<string, unknown>) => ({ ...LAUNCH, input: { ...LAUNCH_INPUT, ...change } });
    // prettier-ignore
    await expectAnswers([
      ['kickOffProject', '/projects', { body: LAUNCH }, 400, 'MISSING_IDEMPOTENCY_KEY'],
      ['kickOffProject', '/projects', { body: { ...LAUNCH, name: 'x' }, headers: fresh() }, 400, 'INVALID_REQUEST'],
      ['kickOffProject', '/projects', { as: 'song.jia', body: LAUNCH, headers: fresh() }, 403, 'ACCESS_DENIED', /auditor/],
      ['kickOffProject', '/projects', { body: { ...LAUNCH, sop: 'launch' }, headers: fresh() }, 404, 'UNKNOWN_SOP'],
      ['kickOffProject', '/projects', { body: input({ members: [] }), headers: fresh() }, 422, 'INVALID_INPUT'],
      [
        'kickOffProject',
        '/projects',
        { body: input({ projectManager: 'no.body' }), headers: fresh() },
        422,
        'PARTICIPANT_UNRESOLVED',
      ],
    ]);
  });

  it('listProjects: filters by sop, status, department, owner and overdue; pages with nextPageToken; 400', async () => {
    const owner = 'guo.qiang'; // starts nothing else in this file
    const ids = (await Promise.all([1, 2, 3].map(() => kickOff(LAUNCH, owner)))).sort();
    const listed = (reply: Answer) => (reply.body.projects as { id: string }[]).map((p) => p.id).sort();
    const all = await eventually(
      () => call('listProjects', `/projects?owner=${owner}&pageSize=100`, { as: 'song.jia' }),
      (reply) => reply.status === 200 && reply.body.projects.length >= 3,
      'the three new projects are listed',
    );
    expect(listed(all)).toEqual(ids);
    for (const item of all.body.projects) {
      expect(item).toMatchObject({
        status: 'active',
        sop: { id: 'new-product-launch', version: '1.0.0' },
        owner,
        leadDepartment: 'marketing',
        currentSteps: ['requirement'],
        overdue: false,
        links: { self: `/projects/${item.id}` },
      });
    }
    const find = async (query: string, as = 'song.jia') => {
      const reply = await call('listProjects', `/projects?owner=${owner}&${query}`, { as });
      expectAnswer(reply, 200);
      return listed(reply);
    };
    expect(await find('sop=new-product-launch&status=active&department=marketing&overdue=false')).toEqual(
      ids,
    );
    expect(await find('sop=change-request-approval')).toEqual([]);
    expect(await find('status=completed')).toEqual([]);
    expect(await find('department=rnd')).toEqual([]);
    expect(await find('overdue=true')).toEqual([]);
    // Who sees what: the owner and the lead department's people, not an unrelated department.
    expect(await find('pageSize=100', owner)).toEqual(ids);
    expect(await find('pageSize=100', 'he.yun')).toEqual(ids);
    expect(await find('pageSize=100', 'tang.wen')).toEqual([]);

    const paged: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const next = token ? `&pageToken=${encodeURIComponent(token)}` : '';
      const page = await call('listProjects', `/projects?owner=${owner}&pageSize=1${next}`, {
        as: 'song.jia',
      });
      expectAnswer(page, 200);
      expect(page.body.projects.length).toBeLessThanOrEqual(1);
      paged.push(...listed(page));
      token = page.body.nextPageToken;
      pages += 1;
    } while (token !== undefined && pages < 10);
    expect(token).toBeUndefined();
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(paged.sort()).toEqual(ids);

    // An unknown parameter is ignored: the same projects as without it.
    expect(await find('pageSize=100&sort=newest')).toEqual(ids);

    // Page tokens are signed by the server: one it did not give out is refused at once (it used
    // to reach Temporal, which retried it for ~20 s and then failed with a 500).
    const started = Date.now();
    // prettier-ignore
    await expectAnswers([
      ['listProjects', '/projects?pageToken=abcd', {}, 400, 'INVALID_QUERY', /pageToken is not one this server gave out/],
      ['listProjects', `/projects?pageToken=${'A'.repeat(64)}`, {}, 400, 'INVALID_QUERY', /pageToken/],
    ]);
    expect(Date.now() - started).toBeLessThan(5_000);
    // prettier-ignore
    await expectAnswers([
      ['listProjects', '/projects?pageToken=!!!', {}, 400, 'INVALID_QUERY', /pageToken/],
      ['listProjects', '/projects?pageSize=0', {}, 400, 'INVALID_QUERY'],
      ['listProjects', '/projects?pageSize=101', {}, 400, 'INVALID_QUERY'],
      ['listProjects', '/projects?overdue=maybe', {}, 400, 'INVALID_QUERY'],
      ['listProjects', "/projects?owner=x'%20OR%20'1'='1", {}, 400, 'INVALID_QUERY'],
      ['listProjects', '/projects', { as: null }, 401, 'UNAUTHENTICATED'],
    ]);
  });

  it('getProject and listProjects: a project terminated from outside shows as terminated, with nothing active', async () => {
    const owner = 'xu.jing'; // starts nothing else in this file
    const id = await kickOff(LAUNCH, owner);
    // Running first (its first workflow task done): one terminated before it ever ran is the
    // test near the end of this file.
    const running = await call('getProject', project(id), { as: owner });
    expectAnswer(running, 200);
    expect(running.body).toMatchObject({ status: 'active', activeSteps: [{ id: 'requirement' }] });
    const listed = (query: string) =>
      call('listProjects', `/projects?owner=${owner}&pageSize=100&${query}`, { as: 'song.jia' });
    const has = (reply: Answer) => reply.body.projects?.some((p: { id: string }) => p.id === id) === true;
    await eventually(() => listed('status=active'), has, 'the new project is listed as active');

    await api.env.client.workflow.getHandle(id).terminate('test');
    const state = await call('getProject', project(id), { as: owner });
    expectAnswer(state, 200);
    expect(state.body).toMatchObject({ id, status: 'terminated', activeSteps: [], pendingDeadlines: [] });
    expect(state.body.overdue).not.toBe(true);
    expect(state.body.nextDeadline).toBeUndefined();

    const terminated = await eventually(
      () => listed('status=terminated'),
      has,
      'the project is listed as terminated',
    );
    expect(terminated.body.projects.find((p: { id: string }) => p.id === id)).toMatchObject({
      status: 'terminated',
      closedAt: expect.any(String),
    });
    // Its last SopStatus is still 'active', but it is not running: not listed as active.
    const active = await call('listProjects', `/projects?owner=${owner}&status=active&pageSize=100`, {
      as: 'song.jia',
    });
    expectAnswer(active, 200);
    expect(has(active)).toBe(false);
    // An action on it is refused as on any ended project.
    // prettier-ignore
    await expectAnswers([
      ['submitForm', project(id, '/steps/requirement/submit'), { as: 'he.yun', body: { data: REQUIREMENTS } }, 409, 'PROJECT_ENDED', /has ended \(terminated\)/],
    ]);
  });

  it('getProject: the state for people involved; 400, 403 for outsiders, 404', async () => {
    const id = await kickOff(LAUNCH);
    const state = await call('getProject', project(id), { as: 'sun.peng' });
    expectAnswer(state, 200);
    expect(state.body).toMatchObject({
      id,
      status: 'active',
      activeSteps: [expect.objectContaining({ id: 'requirement', assignees: ['he.yun'] })],
    });
    // prettier-ignore
    await expectAnswers([
      ['getProject', project(id), { as: 'li.na' }, 200], // head of the lead department
      ['getProject', project(id), { as: 'song.jia' }, 200], // auditor
      ['getProject', project(id), { as: 'tang.wen' }, 403, 'ACCESS_DENIED', /not involved/],
      ['getProject', project(NO_PROJECT), {}, 404, 'UNKNOWN_PROJECT'],
      ['getProject', project('p'.repeat(201)), {}, 400, 'INVALID_REQUEST'],
    ]);
    // An unknown query parameter is ignored: the same state as without it.
    const full = await call('getProject', project(id, '?view=full'), { as: 'sun.peng' });
    expectAnswer(full, 200);
    expect(full.body).toEqual((await call('getProject', project(id), { as: 'sun.peng' })).body);
  });

  it('cancelProject: 400, 403, 404, 415; then cancelled with who, when and why; again or acting afterwards is 409', async () => {
    const id = await kickOff(LAUNCH);
    const path = project(id, '/cancel');
    const text = { 'content-type': 'text/plain' };
    // prettier-ignore
    await expectAnswers([
      ['cancelProject', path, { as: 'zhang.min', body: {} }, 400, 'INVALID_REQUEST', /reason/],
      ['cancelProject', path, { as: 'zhang.min', body: { reason: '   ' } }, 400, 'INVALID_REQUEST'],
      ['cancelProject', path, { as: 'zhang.min', body: 'stop', headers: text }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['cancelProject', path, { as: 'sun.peng', body: { reason: 'x' } }, 403, 'ACCESS_DENIED', /owner or manager/],
      ['cancelProject', path, { as: 'song.jia', body: { reason: 'x' } }, 403, 'ACCESS_DENIED', /auditor/],
      ['cancelProject', project(NO_PROJECT, '/cancel'), { body: { reason: 'x' } }, 404, 'UNKNOWN_PROJECT'],
    ]);

    const before = Date.now();
    const cancelled = await call('cancelProject', path, {
      as: 'zhang.min',
      body: { reason: '预算被砍，项目取消' },
    });
    expectAnswer(cancelled, 200);
    expect(cancelled.body).toEqual({ id, status: 'cancelled' });
    const state = await call('getProject', project(id), { as: 'zhang.min' });
    expectAnswer(state, 200);
    expect(state.body).toMatchObject({
      status: 'cancelled',
      activeSteps: [],
      pendingDeadlines: [],
      cancellation: { by: 'zhang.min', reason: '预算被砍，项目取消' },
    });
    const at = Date.parse(state.body.cancellation.at);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);

    const submit = { as: 'he.yun', body: { data: REQUIREMENTS } };
    // prettier-ignore
    await expectAnswers([
      ['cancelProject', path, { as: 'zhang.min', body: { reason: 'again' } }, 409, 'PROJECT_ENDED', /has ended \(cancelled\)/],
      ['submitForm', project(id, '/steps/requirement/submit'), submit, 409, 'PROJECT_ENDED', /has ended \(cancelled\)/],
    ]);
    const listed = await eventually(
      () => call('listProjects', '/projects?owner=zhang.min&status=cancelled&pageSize=100'),
      (reply) => reply.body.projects?.some((p: { id: string }) => p.id === id) === true,
      'the cancelled project is listed as cancelled',
    );
    expect(listed.body.projects.find((p: { id: string }) => p.id === id)).toMatchObject({
      status: 'cancelled',
      closedAt: expect.any(String),
    });
  });

  it('submitForm, actOnProject and the task shortcuts on a launch project: 200, 400, 403, 404, 409, 415, 422', async () => {
    const id = await kickOff(LAUNCH);
    const step = (name: string) => project(id, `/steps/${name}/submit`);
    const text = { 'content-type': 'text/plain' };
    // prettier-ignore
    await expectAnswers([
      ['submitForm', step('requirement'), { as: 'he.yun', body: {} }, 400, 'INVALID_REQUEST', /data/],
      ['submitForm', step('requirement'), { as: 'zhang.min', body: { data: REQUIREMENTS } }, 403, 'NOT_ALLOWED'],
      ['submitForm', step('breakdown'), { as: 'zhang.min', body: { data: taskPlan('2027-01-10') } }, 409, 'WRONG_STATE'],
      ['submitForm', step('requirement'), { as: 'he.yun', body: { data: { goals: '上市' } } }, 422, 'INVALID_DATA', /scope/],
      ['submitForm', step('requirement'), { as: 'he.yun', body: 'goals=x', headers: text }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['submitForm', step('requirement'), { as: 'he.yun', body: { data: REQUIREMENTS } }, 200],
      ['submitForm', step('breakdown'), { as: 'zhang.min', body: { data: taskPlan('2027-01-10') } }, 200],
    ]);
    expect((await call('getProject', project(id))).body.activeSteps.map((s: { id: string }) => s.id)).toEqual(
      ['progress'],
    );

    const task = (taskId: string, action: string) => project(id, `/tasks/${taskId}/${action}`);
    // prettier-ignore
    await expectAnswers([
      ['claimTask', task('t1', 'claim'), { as: 'lin.tao' }, 403, 'NOT_ALLOWED', /owner/],
      ['claimTask', task('t99', 'claim'), { as: 'sun.peng' }, 404, 'UNKNOWN_TASK'],
      ['claimTask', task('t1', 'claim'), { as: 'sun.peng' }, 200],
      ['claimTask', task('t1', 'claim'), { as: 'sun.peng' }, 409, 'WRONG_STATE', /already acknowledged/],
      ['updateTaskStatus', task('t1', 'status'), { as: 'sun.peng', body: { status: 'finished' } }, 400, 'INVALID_REQUEST'],
      ['updateTaskStatus', task('t99', 'status'), { as: 'sun.peng', body: { status: 'in_progress' } }, 404, 'UNKNOWN_TASK'],
      ['updateTaskStatus', task('t1', 'status'), { as: 'lin.tao', body: { status: 'in_progress' } }, 403, 'NOT_ALLOWED'],
      ['updateTaskStatus', task('t1', 'status'), { as: 'sun.peng', body: { status: 'in_progress' } }, 200],
      ['updateTaskStatus', task('t1', 'status'), { as: 'sun.peng', body: { status: 'blocked', comment: '缺货' } }, 200],
      ['flagTaskNeedsHelp', task('t2', 'needs-help'), { as: 'lin.tao', body: {} }, 409, 'WRONG_STATE', /blocked/],
      ['flagTaskNeedsHelp', task('t1', 'needs-help'), { as: 'sun.peng', body: { note: 'x' } }, 400, 'INVALID_REQUEST'],
      ['flagTaskNeedsHelp', task('t1', 'needs-help'), { as: 'lin.tao', body: {} }, 403, 'NOT_ALLOWED'],
      ['flagTaskNeedsHelp', task('t1', 'needs-help'), { as: 'sun.peng', body: { comment: '需要采购协助' } }, 200],
      ['completeTask', task('t1', 'complete'), { as: 'sun.peng', body: { result: 1 } }, 400, 'INVALID_REQUEST'],
      ['completeTask', task('t1', 'complete'), { as: 'lin.tao', body: {} }, 403, 'NOT_ALLOWED'],
      ['completeTask', task('t1', 'complete'), { as: 'sun.peng', body: { data: { report: 'V1.0-终稿' } } }, 200],
      ['completeTask', task('t1', 'complete'), { as: 'sun.peng', body: {} }, 409, 'WRONG_STATE', /already done/],
      ['updateTaskStatus', task('t1', 'status'), { as: 'sun.peng', body: { status: 'todo' } }, 409, 'WRONG_STATE'],
    ]);

    // The general action endpoint; the integration account relays for the actor it names.
    const actions = project(id, '/actions');
    const update = (user: string, taskId: string, status: string) => ({
      type: 'task.update',
      actor: { user },
      task: taskId,
      status,
    });
    // prettier-ignore
    await expectAnswers([
      ['actOnProject', actions, { body: { type: 'submit', actor: 'he.yun' } }, 400, 'INVALID_REQUEST'],
      ['actOnProject', actions, { body: { type: 'task.update', progress: 50 } }, 400, 'INVALID_REQUEST'],
      ['actOnProject', actions, { as: 'li.na', body: update('lin.tao', 't2', 'done') }, 403, 'ACCESS_DENIED', /may not act as/],
      ['actOnProject', actions, { body: update('lin.tao', 't99', 'done') }, 404, 'UNKNOWN_TASK'],
      ['actOnProject', actions, { body: { type: 'submit', actor: { user: 'he.yun' }, data: REQUIREMENTS } }, 409, 'WRONG_STATE'],
      ['actOnProject', actions, { body: update('lin.tao', 't2', 'finished') }, 422, 'INVALID_DATA'],
      ['actOnProject', actions, { body: 'type=task.update', headers: text }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['actOnProject', actions, { body: update('lin.tao', 't2', 'in_progress') }, 200],
    ]);
    const state = await call('getProject', project(id));
    expect(state.body.tasks.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([
      ['t1', 'done'],
      ['t2', 'in_progress'],
    ]);
  });

  it('listMyTasks, listMyApprovals and decideApproval on a change request: 200, 400, 401, 403, 409, 415, 422', async () => {
    const id = await kickOff({ sop: 'change-request-approval', input: CHANGE_REQUEST_INPUT }, 'zhou.jie');
    const form = await eventually(
      () => call('listMyTasks', '/work/tasks', { as: 'zhou.jie' }),
      (reply) => reply.body.items?.some((i: { project: string }) => i.project === id) === true,
      "the request form is on the requester's list",
    );
    expect(form.body.items.find((i: { project: string }) => i.project === id)).toMatchObject({
      kind: 'form',
      step: 'request',
      assignees: ['zhou.jie'],
    });
    const submitted = await call('submitForm', project(id, '/steps/request/submit'), {
      as: 'zhou.jie',
      body: { data: CHANGE_REQUEST },
    });
    expect(submitted.body.steps).toEqual(['majorHeadApproval']);

    const pending = (reply: Answer) =>
      (reply.body.items as { project: string; step: string }[])
        .filter((i) => i.project === id)
        .map((i) => i.step);
    const mine = await call('listMyApprovals', '/work/approvals', { as: 'zhao.lei' });
    expectAnswer(mine, 200);
    expect(pending(mine)).toEqual(['majorHeadApproval']);
    const department = await call('listMyApprovals', '/work/approvals?department=rnd', { as: 'zhao.lei' });
    expectAnswer(department, 200);
    expect(department.body.department).toBe('rnd');
    expect(pending(department)).toEqual(['majorHeadApproval']);
    expect(pending(await call('listMyApprovals', '/work/approvals', { as: 'chen.hao' }))).toEqual([]);
    // prettier-ignore
    await expectAnswers([
      ['listMyApprovals', '/work/approvals?user=zhao.lei&department=rnd', { as: 'zhao.lei' }, 400, 'INVALID_QUERY'],
      ['listMyApprovals', '/work/approvals?department=legal', { as: 'xie.fang' }, 400, 'INVALID_QUERY'],
      ['listMyApprovals', '/work/approvals?department=rnd', { as: 'li.na' }, 403, 'ACCESS_DENIED'],
      ['listMyApprovals', '/work/approvals?user=zhao.lei', { as: 'zhou.jie' }, 403, 'ACCESS_DENIED'],
      ['listMyApprovals', '/work/approvals', { as: null }, 401, 'UNAUTHENTICATED'],
      ['listMyTasks', '/work/tasks?user=zhou.jie&department=rnd', { as: 'zhao.lei' }, 400, 'INVALID_QUERY'],
      ['listMyTasks', '/work/tasks?user=zhou.jie', { as: 'sun.peng' }, 403, 'ACCESS_DENIED'],
      ['listMyTasks', '/work/tasks', { as: null }, 401, 'UNAUTHENTICATED'],
    ]);

    const decision = (step: string) => project(id, `/approvals/${step}/decision`);
    const approve = { decision: 'approve' };
    // prettier-ignore
    await expectAnswers([
      ['decideApproval', decision('majorHeadApproval'), { as: 'zhao.lei', body: { decision: 'maybe' } }, 400, 'INVALID_REQUEST'],
      ['decideApproval', decision('majorHeadApproval'), { as: 'chen.hao', body: approve }, 403, 'ACCESS_DENIED', /awaiting/],
      ['decideApproval', decision('ctoApproval'), { as: 'chen.hao', body: approve }, 409, 'WRONG_STATE'],
      [
        'decideApproval',
        decision('majorHeadApproval'),
        { as: 'zhao.lei', body: { decision: 'reject' } },
        422,
        'INVALID_DATA',
        /needs a comment/,
      ],
      [
        'decideApproval',
        decision('majorHeadApproval'),
        { as: 'zhao.lei', body: 'approve', headers: { 'content-type': 'text/plain' } },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
    ]);
    const approved = await call('decideApproval', decision('majorHeadApproval'), {
      as: 'zhao.lei',
      body: { decision: 'approve', comment: '同意' },
    });
    expectAnswer(approved, 200);
    expect(approved.body.steps).toEqual(['affectedHeadsCountersign']);
    expect(pending(await call('listMyApprovals', '/work/approvals', { as: 'zhao.lei' }))).toEqual([]);
    expect(pending(await call('listMyApprovals', '/work/approvals', { as: 'cao.yong' }))).toEqual([
      'affectedHeadsCountersign',
    ]);
  });

  it('getProjectHistory, getProjectNotifications, getAuditTrail (json, jsonl, csv, Accept), verifyAuditTrail, verifyAuditExport', async () => {
    const id = await kickOff(LAUNCH);
    const submitted = await call('submitForm', project(id, '/steps/requirement/submit'), {
      as: 'he.yun',
      body: { data: REQUIREMENTS, comment: '需求已确认' },
    });
    expectAnswer(submitted, 200);
    // The notification log, once the breakdown step's assignment is delivered. (The audit trail
    // below does not wait for it: its entries never change with a delivery's outcome.)
    const notifications = await eventually(
      () => call('getProjectNotifications', project(id, '/notifications'), { as: 'zhang.min' }),
      (reply) =>
        reply.body.notifications?.some(
          (n: { step: string; outcome: string }) => n.step === 'breakdown' && n.outcome === 'delivered',
        ) === true,
      "the breakdown step's assignment is delivered",
    );
    expect(notifications.body.notifications[0]).toMatchObject({
      step: 'requirement',
      reason: 'assigned',
      recipients: ['he.yun'],
      outcome: 'delivered',
    });
    const history = await call('getProjectHistory', project(id, '/history'), { as: 'he.yun' });
    expectAnswer(history, 200);
    expect(history.body).toMatchObject({ id, runs: 1 });
    expect(history.body.events[0]).toMatchObject({
      kind: 'kickoff',
      participants: { initiator: ['he.yun'] },
    });
    expect(history.body.events).toContainEqual(
      expect.objectContaining({
        kind: 'action',
        type: 'submit',
        actor: expect.objectContaining({ user: 'he.yun' }),
      }),
    );

    const json = await call('getAuditTrail', project(id, '/audit?format=json'), { as: 'song.jia' });
    expectAnswer(json, 200);
    const entries = json.body.entries as { seq: number; hash: string; prevHash: string }[];
    expect(json.body).toMatchObject({
      id,
      source: 'temporal',
      archived: false,
      lastHash: entries.at(-1)!.hash,
    });
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_e, index) => index + 1));
    expect(entries[0]).toMatchObject({ action: 'project.kickoff', prevHash: '0'.repeat(64) });
    entries.slice(1).forEach((entry, index) => expect(entry.prevHash).toBe(entries[index]!.hash));

    const csv = await call('getAuditTrail', project(id, '/audit?format=csv'), { as: 'song.jia' });
    expectAnswer(csv, 200);
    const rows = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]).toMatch(/^seq,at,actor,/);
    expect(rows).toHaveLength(entries.length + 1);
    const negotiated = await call('getAuditTrail', project(id, '/audit'), {
      headers: { Accept: 'text/csv' },
    });
    expectAnswer(negotiated, 200);
    expect(negotiated.body).toBe(csv.body);
    const formatWins = await call('getAuditTrail', project(id, '/audit?format=json'), {
      headers: { Accept: 'text/csv' },
    });
    expect(formatWins.body.entries).toEqual(entries);
    // `Accept: */*` (fetch's and curl's default) gets the default, JSON.
    const anything = await call('getAuditTrail', project(id, '/audit'), { headers: { Accept: '*/*' } });
    expectAnswer(anything, 200);
    expect(mediaTypeOf(anything.contentType)).toBe('application/json');
    expect(anything.body.entries).toEqual(entries);
    // JSONL as the documented application/x-ndjson (`call` checks the media type), as an attachment.
    const jsonl = await call('getAuditTrail', project(id, '/audit?format=jsonl'), { as: 'song.jia' });
    expectAnswer(jsonl, 200);
    expect(mediaTypeOf(jsonl.contentType)).toBe('application/x-ndjson');
    expect(jsonl.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="?${id}-audit\\.jsonl"?$`),
    );
    const ndjson = await call('getAuditTrail', project(id, '/audit'), {
      headers: { Accept: 'application/x-ndjson' },
    });
    expect(mediaTypeOf(ndjson.contentType)).toBe('application/x-ndjson');
    expect(ndjson.body).toBe(jsonl.body);
    const lines = (jsonl.body as string).trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { hash: string }).hash)).toEqual(
      entries.map((e) => e.hash),
    );

    const verified = await call('verifyAuditTrail', project(id, '/audit/verify'), { as: 'song.jia' });
    expectAnswer(verified, 200);
    expect(verified.body).toEqual({
      id,
      source: 'temporal',
      ok: true,
      entries: entries.length,
      lastHash: json.body.lastHash,
      comparedWithArchive: false,
    });

    const exported = (body: string, type: string, as = 'song.jia'): CallOptions => ({
      as,
      body,
      headers: { 'content-type': type },
    });
    const verify = project(id, '/audit/verify');
    const fromJsonl = await call('verifyAuditExport', verify, exported(jsonl.body, 'application/x-ndjson'));
    expectAnswer(fromJsonl, 200);
    expect(fromJsonl.body).toMatchObject({
      id,
      ok: true,
      entries: entries.length,
      lastHash: json.body.lastHash,
      comparedWithServer: true,
    });
    const fromCsv = await call('verifyAuditExport', verify, exported(csv.body, 'text/csv'));
    expect(fromCsv.body).toMatchObject({ ok: true, entries: entries.length, comparedWithServer: true });
    const tampered = lines.map((line, index) =>
      index === 1 ? line.replace('"summary":"', '"summary":"X') : line,
    );
    const caught = await call(
      'verifyAuditExport',
      verify,
      exported(`${tampered.join('\n')}\n`, 'application/x-ndjson'),
    );
    expectAnswer(caught, 200);
    expect(caught.body).toMatchObject({ ok: false, firstBadSeq: 2 });
    // The JSON answer `{ id, entries, … }` as downloaded, posted back as application/json.
    const fromJson = await call(
      'verifyAuditExport',
      verify,
      exported(JSON.stringify(json.body), 'application/json'),
    );
    expectAnswer(fromJson, 200);
    expect(fromJson.body).toMatchObject({ ok: true, entries: entries.length, comparedWithServer: true });
    // text/plain: the format is recognised from the content.
    const fromText = await call('verifyAuditExport', verify, exported(jsonl.body, 'text/plain'));
    expect(fromText.body).toMatchObject({ ok: true, entries: entries.length, comparedWithServer: true });

    const outsider = { as: 'tang.wen' };
    // prettier-ignore
    await expectAnswers([
      ['getAuditTrail', project(id, '/audit'), { headers: { Accept: 'image/png' } }, 406, 'NOT_ACCEPTABLE'],
      ['getAuditTrail', project(id, '/audit?format=xml'), {}, 400, 'INVALID_QUERY'],
      ['verifyAuditExport', verify, exported('   ', 'text/plain'), 400, 'INVALID_REQUEST'],
      ['verifyAuditExport', verify, exported('hello', 'text/plain'), 400, 'INVALID_REQUEST', /cannot be read/],
      ['verifyAuditExport', verify, exported('x'.repeat(21 * 1024 * 1024), 'text/plain'), 413, 'PAYLOAD_TOO_LARGE'],
      ['verifyAuditExport', verify, exported(jsonl.body, 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/xml/],
      ['verifyAuditExport', verify, exported(csv.body, 'text/tab-separated-values'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['verifyAuditExport', verify, exported(jsonl.body, 'application/x-ndjson', 'tang.wen'), 403, 'ACCESS_DENIED'],
      [
        'verifyAuditExport',
        project(NO_PROJECT, '/audit/verify'),
        exported(jsonl.body, 'application/x-ndjson'),
        404,
        'UNKNOWN_PROJECT',
      ],
      ...(
        [
          ['getProjectHistory', '/history'],
          ['getProjectNotifications', '/notifications'],
          ['getAuditTrail', '/audit'],
          ['verifyAuditTrail', '/audit/verify'],
        ] as const
      ).flatMap(([operationId, path]): Expectation[] => [
        [operationId, project(id, path), outsider, 403, 'ACCESS_DENIED', /not involved/],
        [operationId, project(NO_PROJECT, path), {}, 404, 'UNKNOWN_PROJECT'],
        // An unknown query parameter is ignored.
        [operationId, project(id, `${path}?since=1`), {}, 200],
      ]),
    ]);
  });

  it('getKpis: grouped by sop, department and period for auditors and heads; 400 for bad dates and groupings, 403', async () => {
    // A cancelled project among those read (GET /kpis answered 500 for it at 1c3f75a: the `cancel`
    // action's result had no `steps`).
    const cancelledId = await kickOff(LAUNCH);
    const cancelled = await call('cancelProject', project(cancelledId, '/cancel'), {
      as: 'zhang.min',
      body: { reason: '指标测试' },
    });
    expectAnswer(cancelled, 200);
    for (const query of ['/kpis', '/kpis?sop=new-product-launch&groupBy=sop,department,period']) {
      const all = await call('getKpis', query, { as: 'song.jia' });
      expectAnswer(all, 200);
      expect(all.body.groups.length).toBeGreaterThanOrEqual(1);
    }

    // The figures of change requests (none of which any test cancels).
    const id = await kickOff({ sop: 'change-request-approval', input: CHANGE_REQUEST_INPUT }, 'zhou.jie');
    const submitted = await call('submitForm', project(id, '/steps/request/submit'), {
      as: 'zhou.jie',
      body: { data: CHANGE_REQUEST },
    });
    expectAnswer(submitted, 200);
    const query = '/kpis?sop=change-request-approval&groupBy=sop,department,period&period=week';
    const report = await call('getKpis', query, { as: 'song.jia' });
    expectAnswer(report, 200);
    expect(report.body).toMatchObject({ timeZone: 'Asia/Shanghai', generatedFrom: expect.any(Number) });
    // A change request's lead department is the SOP's owner (ops): its input names no leadDepartment.
    const group = report.body.groups.find(
      (g: { key: { sop: string; department: string } }) =>
        g.key.sop === 'change-request-approval' && g.key.department === 'ops',
    );
    expect(group).toMatchObject({
      key: { period: expect.stringMatching(/^\d{4}-W\d{2}$/) },
      requirementResponse: { samples: expect.any(Number), withinTargetRate: 1 },
    });
    expect(group.requirementResponse.samples).toBeGreaterThanOrEqual(1);
    for (const g of report.body.groups) expect(g.key).toMatchObject({ sop: 'change-request-approval' });
    // The head of ops (also an ops admin) reads their department's figures.
    const ops = await call('getKpis', '/kpis?sop=change-request-approval&department=ops', { as: 'xie.fang' });
    expectAnswer(ops, 200);
    expect(ops.body.groups.length).toBeGreaterThanOrEqual(1);
    for (const g of ops.body.groups) expect(g.key).toMatchObject({ department: 'ops' });

    const auditor = { as: 'song.jia' };
    // prettier-ignore
    await expectAnswers([
      ['getKpis', '/kpis?from=2026-13-45', auditor, 400, 'INVALID_QUERY', /from must be a date/],
      ['getKpis', '/kpis?from=yesterday', auditor, 400, 'INVALID_QUERY'],
      ['getKpis', '/kpis?from=2026-12-01&to=2026-11-01', auditor, 400, 'INVALID_QUERY', /before/],
      ['getKpis', '/kpis?groupBy=team', auditor, 400, 'INVALID_QUERY'],
      ['getKpis', '/kpis', { as: 'he.yun' }, 403, 'ACCESS_DENIED'],
      ['getKpis', '/kpis', { as: null }, 401, 'UNAUTHENTICATED'],
    ]);
  });

  it('every authenticated operation answers 401 without credentials or with a bad one', async () => {
    for (const operation of OPERATIONS.filter((o) => o.authenticated)) {
      const body = VALID_BODIES[operation.operationId];
      const missing = await call(operation.operationId, samplePath(operation), {
        as: null,
        ...(body !== undefined ? { body } : {}),
      });
      expectAnswer(missing, 401, 'UNAUTHENTICATED');
      expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    const forged = await call('listSops', '/sops', {
      as: null,
      headers: { Authorization: 'Bearer not-a-key' },
    });
    expectAnswer(forged, 401, 'UNAUTHENTICATED');
    expect(forged.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('every operation with a JSON body answers 400 for malformed JSON, 413 for a huge body, 415 for another media type', async () => {
    for (const operation of OPERATIONS.filter((o) => o.body !== undefined || o.operationId === 'claimTask')) {
      const { operationId } = operation;
      const path = samplePath(operation);
      const headers = { 'Idempotency-Key': `contract-${randomUUID()}` };
      // prettier-ignore
      await expectAnswers([
        [operationId, path, { body: '{"type": ', headers }, 400, 'MALFORMED_JSON'],
        [operationId, path, { body: { comment: 'x'.repeat(300_000) }, headers }, 413, 'PAYLOAD_TOO_LARGE'],
        // claimTask takes no body, so it reads none (and never answers 415).
        ...(operation.body !== undefined
          ? [
              [
                operationId,
                path,
                { body: 'a=b', headers: { ...headers, 'content-type': 'text/plain' } },
                415,
                'UNSUPPORTED_MEDIA_TYPE',
              ] as const,
            ]
          : []),
      ]);
    }
  });

  it('every action on an unknown project is a 404', async () => {
    const actions = OPERATIONS.filter((o) => o.method === 'post' && o.path.startsWith('/projects/'));
    await expectAnswers(
      actions
        .filter((o) => o.operationId !== 'verifyAuditExport') // above, with a real export
        .map((o): Expectation => {
          const body = VALID_BODIES[o.operationId];
          return [o.operationId, samplePath(o), body !== undefined ? { body } : {}, 404, 'UNKNOWN_PROJECT'];
        }),
    );
  });

  it('429 RATE_LIMITED past the kickoff and action quotas', async () => {
    const limited = await api.serveWith({
      http: parseHttpHardening({ SOP_RATE_LIMIT_KICKOFF: '1/min', SOP_RATE_LIMIT_ACTIONS: '1/min' }),
    });
    const kickoff = (): CallOptions => ({
      baseUrl: limited,
      body: LAUNCH,
      headers: { 'Idempotency-Key': `contract-${randomUUID()}` },
    });
    // prettier-ignore
    await expectAnswers([
      ['kickOffProject', '/projects', kickoff(), 201],
      ['kickOffProject', '/projects', kickoff(), 429, 'RATE_LIMITED', /kickoffs per minute/],
    ]);
    // One bucket for every POST under a project: the first spends it, all others are refused.
    const actions = OPERATIONS.filter(
      (o) => o.method === 'post' && o.path.startsWith('/projects/') && o.operationId !== 'verifyAuditExport',
    );
    const request = (o: Operation): CallOptions => {
      const body = VALID_BODIES[o.operationId];
      return { baseUrl: limited, ...(body !== undefined ? { body } : {}) };
    };
    const first = operationOf('actOnProject');
    // prettier-ignore
    await expectAnswers([
      [first.operationId, samplePath(first), request(first), 404, 'UNKNOWN_PROJECT'],
      ...actions.map((o): Expectation => [o.operationId, samplePath(o), request(o), 429, 'RATE_LIMITED', /actions/]),
    ]);
    const refused = await send('POST', '/projects', kickoff());
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Verifying an export is a read, not an action: never behind the action quota, however often.
    const id = await kickOff(LAUNCH); // on the harness's own app (the limited one's kickoffs are spent)
    const jsonl = await send('GET', project(id, '/audit?format=jsonl'));
    expect(jsonl.status).toBe(200);
    const verify = (): CallOptions => ({
      baseUrl: limited,
      body: jsonl.body,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    for (let i = 0; i < 3; i += 1) {
      const verified = await call('verifyAuditExport', project(id, '/audit/verify'), verify());
      expectAnswer(verified, 200);
      expect(verified.body).toMatchObject({ id, ok: true, comparedWithServer: true });
    }
    // …and the quota for actions is still spent.
    // prettier-ignore
    await expectAnswers([
      [first.operationId, project(id, '/actions'), request(first), 429, 'RATE_LIMITED', /actions/],
    ]);
  });

  it('503 TEMPORAL_UNAVAILABLE from every operation that reads Temporal, when Temporal does not answer in time', async () => {
    const id = await launchInProgress();
    const jsonl = await send('GET', project(id, '/audit?format=jsonl'));
    // A deadline that has already passed: every Temporal call times out at once.
    const stalled = await api.serveWith({ temporalTimeoutMs: -60_000 });
    const requests: [string, string, CallOptions][] = [
      ['kickOffProject', '/projects', { body: LAUNCH, headers: { 'Idempotency-Key': randomUUID() } }],
      ['listProjects', '/projects', {}],
      ['getProject', project(id), {}],
      ['cancelProject', project(id, '/cancel'), { body: { reason: 'x' } }],
      ['actOnProject', project(id, '/actions'), { body: VALID_BODIES.actOnProject }],
      ['claimTask', project(id, '/tasks/t1/claim'), {}],
      ['updateTaskStatus', project(id, '/tasks/t1/status'), { body: { status: 'in_progress' } }],
      ['flagTaskNeedsHelp', project(id, '/tasks/t1/needs-help'), { body: {} }],
      ['completeTask', project(id, '/tasks/t1/complete'), { body: {} }],
      ['submitForm', project(id, '/steps/progress/submit'), { body: { data: {} } }],
      ['decideApproval', project(id, '/approvals/progress/decision'), { body: { decision: 'approve' } }],
      ['listMyTasks', '/work/tasks', { as: 'sun.peng' }],
      ['listMyApprovals', '/work/approvals', { as: 'zhao.lei' }],
      ['getProjectHistory', project(id, '/history'), {}],
      ['getProjectNotifications', project(id, '/notifications'), {}],
      ['getAuditTrail', project(id, '/audit?format=json'), {}],
      ['verifyAuditTrail', project(id, '/audit/verify'), {}],
      [
        'verifyAuditExport',
        project(id, '/audit/verify'),
        { body: jsonl.body, headers: { 'content-type': 'application/x-ndjson' } },
      ],
      ['getKpis', '/kpis', { as: 'song.jia' }],
    ];
    const replies = await Promise.all(
      requests.map(([operationId, path, options]) =>
        call(operationId, path, { ...options, baseUrl: stalled }),
      ),
    );
    const answers = replies.map((reply, index): [string, number, string] => [
      requests[index]![0],
      reply.status,
      String(reply.body.code),
    ]);
    expect(answers).toEqual(requests.map(([operationId]) => [operationId, 503, 'TEMPORAL_UNAVAILABLE']));
    // Nothing happened to the project meanwhile.
    const state = await call('getProject', project(id));
    expect(state.body.tasks.map((t: { status: string }) => t.status)).toEqual(['todo', 'todo']);
  });

  // After every test that calls GET /kpis, so the ended-before-it-ran project it leaves behind
  // is read by no other test's KPI report.
  it('a project terminated before its first workflow task ran reads as terminated (not a 500), and GET /kpis still answers', async () => {
    // Started on a task queue no worker polls, so the workflow never runs before it is terminated
    // (what a project terminated from outside during a worker outage looks like).
    const idle = await api.serveWith({ taskQueue: `nobody-polls-${randomUUID()}` });
    const started = await send('POST', '/projects', {
      baseUrl: idle,
      as: 'zhang.min',
      body: LAUNCH,
      headers: { 'Idempotency-Key': `contract-${randomUUID()}` },
    });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    await api.env.client.workflow.getHandle(id).terminate('test');
    // GET /projects/:id (and …/history, …/audit) answer 500 INTERNAL: readProject's `state` query
    // fails with FAILED_PRECONDITION "Workflow execution closed before WorkflowTaskStarted event",
    // which loadProject does not handle. GET /kpis reads every project the same way, so it answers
    // 500 for everyone from then on.
    const state = await send('GET', project(id), { as: 'zhang.min' });
    expect({ status: state.status, body: state.body }).toMatchObject({
      status: 200,
      body: { id, status: 'terminated', activeSteps: [] },
    });
    const kpis = await send('GET', '/kpis', { as: 'song.jia' });
    expect(kpis.status).toBe(200);
  });

  // Runs last: it reads the tally of every test above (so it is meaningful only for the whole file).
  it('exercised every operation with a 2xx (and lists the documented answers not provoked)', () => {
    const missing2xx = OPERATIONS.filter(
      (o) =>
        !Object.keys(o.responses).some((s) => s.startsWith('2') && exercised.has(`${o.operationId} ${s}`)),
    ).map((o) => o.operationId);
    const notProvoked = OPERATIONS.flatMap((o) =>
      Object.keys(o.responses)
        .filter((status) => !exercised.has(`${o.operationId} ${status}`))
        .map((status) => `${o.operationId} ${status}`),
    );
    console.info(
      `documented (operationId, status) pairs not provoked (${notProvoked.length}):\n  ${notProvoked.join('\n  ')}`,
    );
    expect(missing2xx).toEqual([]);
  });
});
