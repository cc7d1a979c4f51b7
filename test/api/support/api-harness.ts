/**
 * A real stack for API tests: a Temporal dev server (with the project search attributes), a
 * worker running the shared workflow bundle, and the Express app on 127.0.0.1:<random port>,
 * called with `fetch`. One harness per test file.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openSqliteAuditStore } from '../../../audit/store';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createApp } from '../../../api/app';
import { readAuthConfig } from '../../../api/auth/auth-config';
import { createCredentialCheck } from '../../../api/auth/credentials';
import { mintToken } from '../../../api/auth/mint-token';
import { loadSopCatalogue, type SopCatalogue } from '../../../api/catalogue';
import type { ApiDeps, HealthReport } from '../../../api/deps';
import { temporalExecutable } from '../../../server/temporal-binaries';
import { createActivities } from '../../../workflows/activities/deliver-effect';
import { SOP_SEARCH_ATTRIBUTES } from '../../../workflows/search-attributes';
import { RecordingSink } from '../../support/project-harness';
import { ROOT } from '../../support/sop-fixtures';
import { quietTemporalRuntime, sharedWorkflowBundle } from '../../support/workflow-bundle';

/** A parsed HTTP answer. */
export interface Reply {
  readonly status: number;
  readonly contentType: string;
  readonly location: string | null;
  /** Parsed JSON (or the text); tests check its shape with assertions. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted, not trusted
  readonly body: any;
}

export interface ApiHarness {
  readonly env: TestWorkflowEnvironment;
  readonly catalogue: SopCatalogue;
  readonly sink: RecordingSink;
  readonly deps: ApiDeps;
  readonly baseUrl: string;
  /**
   * Sends a request; `body` is JSON-encoded unless it is already a string. By default it carries
   * the API key of `oa-bridge` (an integration account that may relay actions for any actor);
   * `as: 'li.na'` sends a JWT for that user instead, `as: null` no credentials at all.
   */
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  /** A valid bearer token for a user (HS256, the harness's secret). */
  tokenFor(user: string, roles?: readonly string[]): Promise<string>;
  /** Serves another app built from the same dependencies with some replaced; closed with the harness. */
  serveWith(overrides: Partial<ApiDeps>): Promise<string>;
  close(): Promise<void>;
}

async function listen(app: ReturnType<typeof createApp>): Promise<{ server: Server; url: string }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', (error?: Error) => {
      if (error) reject(error);
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly as?: string | null;
}

/** The integration account's API key every harness accepts. */
export const BRIDGE_KEY = 'test-bridge-key-0123456789abcdef';
const JWT_SECRET = 'test-jwt-secret-0123456789abcdef0123456789';

async function credentialsFor(as: string | null | undefined): Promise<Record<string, string>> {
  if (as === null) return {};
  if (as === undefined) return { 'X-Api-Key': BRIDGE_KEY };
  return { Authorization: `Bearer ${await mintToken({ secret: JWT_SECRET, user: as })}` };
}

async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Reply> {
  const { body } = options;
  const headers = { ...(await credentialsFor(options.as)), ...options.headers };
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { 'content-type': 'application/json', ...headers };
  }
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    contentType,
    location: response.headers.get('location'),
    body: text !== '' && contentType.includes('json') ? JSON.parse(text) : text,
  };
}

/** Starts the dev server, a worker and the app; `health` defaults to one that is always well. */
export async function startApiHarness(): Promise<ApiHarness> {
  quietTemporalRuntime();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: temporalExecutable(),
      searchAttributes: [...SOP_SEARCH_ATTRIBUTES],
      // The dev server's own warnings (cluster id, …) are noise in test output.
      log: { format: 'json', level: 'error' },
    },
  });
  const sink = new RecordingSink();
  const taskQueue = `api-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: sharedWorkflowBundle(),
    activities: createActivities(sink),
  });
  const running = worker.run();
  const catalogue = loadSopCatalogue(join(ROOT, 'sop-definitions'));
  const auditDir = mkdtempSync(join(tmpdir(), 'sop-api-audit-'));
  if (!catalogue.org)
    throw new Error('sop-definitions/org.yaml did not load: ' + JSON.stringify(catalogue.problems));
  const deps: ApiDeps = {
    client: env.client,
    catalogue,
    org: catalogue.org,
    namespace: env.namespace ?? 'default',
    taskQueue,
    health: (): Promise<HealthReport> => Promise.resolve({ ok: true, checks: { temporal: true } }),
    authenticate: await createCredentialCheck(
      readAuthConfig({ SOP_API_KEYS: `oa-bridge=${BRIDGE_KEY}`, SOP_JWT_SECRET: JWT_SECRET }).config,
    ),
    audit: await openSqliteAuditStore(join(auditDir, 'audit.sqlite')),
    validateResponses: 'fail',
  };
  const servers: Server[] = [];
  const serve = async (d: ApiDeps) => {
    const { server, url } = await listen(createApp(d));
    servers.push(server);
    return url;
  };
  const baseUrl = await serve(deps);
  return {
    env,
    catalogue,
    sink,
    deps,
    baseUrl,
    request: (method, path, options) => send(baseUrl, method, path, options),
    tokenFor: (user, roles) => mintToken({ secret: JWT_SECRET, user, ...(roles ? { roles } : {}) }),
    serveWith: (overrides) => serve({ ...deps, ...overrides }),
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      worker.shutdown();
      await running;
      await env.teardown();
      await deps.audit.close();
      rmSync(auditDir, { recursive: true, force: true });
    },
  };
}
