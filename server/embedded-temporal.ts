import { join } from 'node:path';
import type { ServerConfig } from './config';
import { startDevServer, type DevServer } from './dev-server';
import { assertPortFree } from './process-tools';
import { stopStaleDevServer } from './stale-dev-server';
import { findTemporalCli } from './temporal-binaries';

/** Where the embedded server keeps its state, all inside `DATA_DIR`. */
export function embeddedPaths(dataDir: string) {
  return {
    /** The projects: keep this file to keep them across restarts. */
    dbFile: join(dataDir, 'temporal.db'),
    logFile: join(dataDir, 'temporal-server.log'),
    pidFile: join(dataDir, 'temporal-server.pid'),
  };
}

/**
 * Starts the embedded Temporal dev server for `config`: its ports checked first (a clash is then
 * reported in a second, naming the variable), its SQLite file and log under `DATA_DIR`.
 */
export async function startEmbeddedTemporal(config: ServerConfig): Promise<DevServer> {
  const cliPath = findTemporalCli();
  const paths = embeddedPaths(config.dataDir);
  // A server orphaned by a crash would hold the ports: stop it before checking them.
  await stopStaleDevServer(paths.pidFile);
  await assertPortFree('127.0.0.1', config.temporal.port, 'TEMPORAL_PORT');
  await assertPortFree('127.0.0.1', config.temporal.uiPort, 'TEMPORAL_UI_PORT');
  return startDevServer({
    cliPath,
    port: config.temporal.port,
    uiPort: config.temporal.uiPort,
    namespace: config.temporal.namespace,
    ...paths,
  });
}
