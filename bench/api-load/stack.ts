/**
 * The whole stack of one load-benchmark run, in this process and on loopback only: a throwaway
 * Temporal dev server (127.0.0.1, in memory, the SOP search attributes registered), a project
 * worker with the production workflow bundle (notifications discarded), and the REST API as
 * production builds it, with the rate limits off and a silent logger, on 127.0.0.1:<free port>.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { readAuthConfig } from '../../api/auth/auth-config';
import { createCredentialCheck } from '../../api/auth/credentials';
import { loadSopCatalogue } from '../../api/catalogue';
import type { ApiDeps } from '../../api/deps';
import { createLogger, parseHttpHardening } from '../../api/http';
import { openSqliteAuditStore } from '../../audit/store';
import { closeHttpServer, listen } from '../../server/http-server';
import { bundleWorkflows, createProjectWorker } from '../../server/worker';
import { quietTemporalRuntime, startDevServer } from '../workflow/temporal-dev-server';
import { discard } from '../workflow/workers';
import { BRIDGE_USER } from './scenario';

const LOOPBACK = '127.0.0.1';
const SOP_DEFINITIONS = join(__dirname, '..', '..', 'sop-definitions');

export interface LoadStack {
  readonly client: Client;
  readonly deps: ApiDeps;
  /** The worker, not yet running: run it around the measurements with `worker.runUntil(…)`. */
  readonly worker: Worker;
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** The API key of the integration account (`X-Api-Key`). */
  readonly apiKey: string;
  /** Stops the HTTP server and the dev server and removes the temporary audit database. */
  close(): Promise<void>;
}

/**
 * Starts everything but the worker's polling. Whatever has started is torn down again if a later
 * part fails to start.
 */
export async function startLoadStack(): Promise<LoadStack> {
  quietTemporalRuntime();
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const bundle = bundleWorkflows();
    // Awaited below; until then a failure must not surface as an unhandled rejection.
    void bundle.catch(() => undefined);
    const { env } = await startDevServer();
    cleanups.push(() => env.teardown());
    const auditDir = mkdtempSync(join(tmpdir(), 'sop-api-load-'));
    cleanups.push(() => rmSync(auditDir, { recursive: true, force: true }));
    const audit = await openSqliteAuditStore(join(auditDir, 'audit.sqlite'));
    cleanups.push(() => audit.close());

    const taskQueue = `bench-api-load-${randomUUID()}`;
    const worker = await createProjectWorker({
      connection: env.nativeConnection,
      namespace: namespaceOf(env),
      taskQueue,
      workflowBundle: await bundle,
      sink: discard,
    });
    cleanups.push(() => stopWorker(worker));
    const apiKey = `bench-${randomBytes(16).toString('hex')}`;
    const deps = await apiDeps(env, taskQueue, apiKey, audit);
    const server = await listen(createApp(deps), LOOPBACK, 0);
    cleanups.push(() => closeHttpServer(server, 1_000));
    return { client: env.client, deps, worker, baseUrl: urlOf(server), apiKey, close };
  } catch (error) {
    await close();
    throw error;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Normally `worker.runUntil` has stopped the worker by now; this is for a run cut short (watchdog,
 * Ctrl-C) or one that never got going: the dev server's connection cannot close while a worker
 * holds it.
 */
async function stopWorker(worker: Worker): Promise<void> {
  const state = worker.getState();
  if (state === 'INITIALIZED') return worker.runUntil(Promise.resolve());
  if (state === 'RUNNING') worker.shutdown();
  while (worker.getState() !== 'STOPPED' && worker.getState() !== 'FAILED') await pause(50);
}

function namespaceOf(env: TestWorkflowEnvironment): string {
  return env.namespace ?? 'default';
}

function urlOf(server: Server): string {
  return `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`;
}

async function apiDeps(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  apiKey: string,
  audit: ApiDeps['audit'],
): Promise<ApiDeps> {
  const catalogue = loadSopCatalogue(SOP_DEFINITIONS);
  if (!catalogue.org)
    throw new Error(`${SOP_DEFINITIONS}/org.yaml did not load: ${JSON.stringify(catalogue.problems)}`);
  const auth = readAuthConfig({ SOP_API_KEYS: `${BRIDGE_USER}=${apiKey}` });
  if (auth.problems.length > 0) throw new Error(auth.problems.join('\n'));
  return {
    client: env.client,
    catalogue,
    org: catalogue.org,
    namespace: namespaceOf(env),
    taskQueue,
    health: () => Promise.resolve({ ok: true, checks: { temporal: true } }),
    authenticate: await createCredentialCheck(auth.config),
    audit,
    http: parseHttpHardening({ SOP_RATE_LIMIT_KICKOFF: 'off', SOP_RATE_LIMIT_ACTIONS: 'off' }),
    logger: createLogger({ level: 'silent' }),
  };
}
