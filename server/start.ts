/**
 * `npm start`: the whole engine in one process. With no `TEMPORAL_ADDRESS` it starts the embedded
 * Temporal dev server (SQLite under `DATA_DIR`, so projects survive restarts), then the worker and
 * the HTTP API; with `TEMPORAL_ADDRESS` it connects to that cluster instead and starts no server.
 * Ctrl-C stops the API (finishing in-flight requests), the worker, then the server, and exits 0.
 */
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { isEmbedded, loadConfig, temporalAddress, type ServerConfig } from './config';
import type { DevServer } from './dev-server';
import { embeddedPaths, startEmbeddedTemporal } from './embedded-temporal';
import { prepareClusterNamespace, prepareEmbeddedNamespace } from './prepare-namespace';
import { assertPortFree } from './process-tools';
import { startApi, type RunningApi } from './run-api';
import { describeStartupError, runMain } from './run-main';
import { startWorker, stopWhenWorkerEnds } from './run-worker';
import { createShutdown, type Shutdown } from './shutdown';
import { connectClient } from './temporal-connection';
import { installServerRuntime } from './temporal-runtime';
import { bundleWorkflows } from './worker';

function printBanner(
  config: ServerConfig,
  api: RunningApi,
  devServer: DevServer | undefined,
  startedAt: number,
) {
  const { namespace, taskQueue } = config.temporal;
  const lines = [
    `SOP engine ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    `  API          ${api.url}   (health: ${api.url}/healthz)`,
    `  Temporal     ${temporalAddress(config)}   namespace ${namespace}, task queue ${taskQueue}`,
  ];
  if (devServer) {
    const paths = embeddedPaths(config.dataDir);
    lines.push(
      `               embedded dev server, pid ${devServer.pid}; closed projects kept ${config.retention}`,
      `  Temporal UI  ${devServer.uiUrl}`,
      `  Data         ${config.dataDir}   (projects: ${paths.dbFile}; server log: ${paths.logFile})`,
    );
  } else {
    lines.push(
      `               external cluster${config.temporal.tls ? ' (TLS)' : ''}; no server started here`,
    );
  }
  lines.push('Press Ctrl-C to stop.');
  console.log(lines.join('\n'));
}

/** Starts the embedded dev server and registers its stop and its unexpected death. */
async function startTemporal(config: ServerConfig, shutdown: Shutdown): Promise<DevServer> {
  const devServer = await startEmbeddedTemporal(config);
  shutdown.add({
    name: 'Temporal dev server',
    run: () => devServer.stop(),
    force: () => devServer.kill(),
  });
  // The server dying under us is fatal: everything else depends on it.
  void devServer.exited.then((exit) => {
    if (shutdown.isStopping()) return;
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${String(exit.code)}`;
    const output = devServer.recentOutput() || '(no error output)';
    const log = embeddedPaths(config.dataDir).logFile;
    void shutdown.stopAndExit(
      1,
      `[DEV_SERVER_DIED] The Temporal dev server ${how} (full log: ${log}):\n${output}`,
    );
  });
  return devServer;
}

/** Runs one start-up stage, printing how long it took (a slow stage is the first thing to look at). */
async function stage<T>(what: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await run();
  console.log(`  ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

async function start(config: ServerConfig, shutdown: Shutdown): Promise<void> {
  const startedAt = Date.now();
  console.log(`Starting the SOP engine (${isEmbedded(config) ? 'embedded Temporal' : 'Temporal cluster'})…`);
  // Bundling the workflow code takes seconds: do it while the dev server boots.
  const bundle: Promise<WorkflowBundleWithSourceMap> = bundleWorkflows();
  bundle.catch(() => undefined); // awaited below; this only avoids an unhandled rejection meanwhile
  await assertPortFree(config.host, config.port, 'PORT');
  const devServer = isEmbedded(config)
    ? await stage('Temporal dev server ready', () => startTemporal(config, shutdown))
    : undefined;

  const { client, connection } = await stage('connected to Temporal', () => connectClient(config));
  shutdown.add({ name: 'Temporal client', run: () => connection.close() });
  await stage('namespace prepared', () =>
    devServer
      ? prepareEmbeddedNamespace(connection, config.temporal.namespace, config.retentionSeconds)
      : prepareClusterNamespace(connection, config.temporal.namespace),
  );

  const worker = await stage('worker polling', () => startWorker(config, bundle));
  shutdown.add({ name: 'worker', run: () => worker.stop() });
  stopWhenWorkerEnds(worker, shutdown);

  const api = await stage('API listening', () =>
    startApi({ config, client, workerRunning: () => worker.isRunning() }),
  );
  shutdown.add({ name: 'API', run: () => api.stop() });
  printBanner(config, api, devServer, startedAt);
}

async function main(): Promise<void> {
  const config = loadConfig();
  installServerRuntime();
  const shutdown = createShutdown();
  try {
    await start(config, shutdown);
  } catch (error) {
    // Stop whatever did start (the dev server above all) before reporting.
    if (!shutdown.isStopping()) {
      console.error(describeStartupError(error));
      await shutdown.stopAndExit(1);
    }
  }
}

runMain(main);
