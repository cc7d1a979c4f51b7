/**
 * A throwaway Temporal dev server for one benchmark run: in memory, on a free port of
 * 127.0.0.1, with our search attributes registered (both workflows upsert them).
 */
import { createServer } from 'node:net';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { temporalExecutable } from '../../server/temporal-binaries';
import { SOP_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

const LOOPBACK = '127.0.0.1';

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, LOOPBACK, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Only warnings and errors from the SDK: its info lines would drown the report. */
export function quietTemporalRuntime(): void {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'WARN' } } },
  });
}

/** The dev server and its gRPC address (for workers in other processes). */
export async function startDevServer(): Promise<{ env: TestWorkflowEnvironment; address: string }> {
  const port = await freePort();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: temporalExecutable(),
      ip: LOOPBACK,
      port,
      ui: false,
      searchAttributes: [...SOP_SEARCH_ATTRIBUTES],
      log: { format: 'pretty', level: 'error' },
    },
  });
  return { env, address: `${LOOPBACK}:${port}` };
}
