/**
 * `npm run api`: the HTTP API alone, for scale-out behind a load balancer. It talks to the Temporal
 * at `TEMPORAL_ADDRESS` (a cluster), or, with that unset, to the dev server of a running
 * `npm start` on 127.0.0.1:`TEMPORAL_PORT`; projects run on whatever workers poll the task queue.
 * Its health covers Temporal and the API, not workers (they live elsewhere). Ctrl-C finishes
 * in-flight requests, then exits 0.
 */
import { loadConfig, temporalAddress } from './config';
import { startApi } from './run-api';
import { runMain } from './run-main';
import { createShutdown } from './shutdown';
import { connectClient } from './temporal-connection';

async function main(): Promise<void> {
  const config = loadConfig();
  const shutdown = createShutdown();
  const { client, connection } = await connectClient(config);
  shutdown.add({ name: 'Temporal client', run: () => connection.close() });
  const api = await startApi({ config, client });
  shutdown.add({ name: 'API', run: () => api.stop() });
  console.log(
    `SOP API listening on ${api.url} (health: ${api.url}/healthz), using Temporal at ` +
      `${temporalAddress(config)}, namespace ${config.temporal.namespace}. Press Ctrl-C to stop.`,
  );
}

runMain(main);
