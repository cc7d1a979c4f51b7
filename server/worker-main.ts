/**
 * `npm run worker`: a worker alone, for scale-out. It polls the project task queue of the Temporal
 * at `TEMPORAL_ADDRESS` (a cluster), or, with that unset, of the dev server a running `npm start`
 * provides on 127.0.0.1:`TEMPORAL_PORT`. Start as many as the load needs; Temporal spreads the
 * projects over them. Ctrl-C lets in-flight tasks finish, then exits 0.
 */
import { isEmbedded, loadConfig, temporalAddress } from './config';
import { prepareClusterNamespace } from './prepare-namespace';
import { startWorker, stopWhenWorkerEnds } from './run-worker';
import { runMain } from './run-main';
import { createShutdown } from './shutdown';
import { connectClient } from './temporal-connection';
import { installServerRuntime } from './temporal-runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  installServerRuntime();
  const shutdown = createShutdown();
  if (!isEmbedded(config)) {
    // A fresh cluster namespace needs the search attributes before the first project runs.
    const { connection } = await connectClient(config);
    await prepareClusterNamespace(connection, config.temporal.namespace);
    await connection.close();
  }
  const worker = await startWorker(config);
  shutdown.add({ name: 'worker', run: () => worker.stop() });
  stopWhenWorkerEnds(worker, shutdown);
  console.log(
    `SOP worker polling task queue ${config.temporal.taskQueue} on ${temporalAddress(config)} ` +
      `(namespace ${config.temporal.namespace}). Press Ctrl-C to stop.`,
  );
}

runMain(main);
