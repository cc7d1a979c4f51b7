/**
 * A worker in a process of its own, for measuring how much memory open projects hold (see
 * resident-memory.ts): a fresh process per implementation, so neither inherits the other's heap.
 * It answers `sample` messages with its memory after a full collection of its main thread.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../workflows/activities/deliver-effect';
import { quietTemporalRuntime } from './temporal-dev-server';
import { discard } from './workers';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export interface MemorySample {
  readonly rss: number;
  readonly heapUsed: number;
}

async function main(): Promise<void> {
  const { TEMPORAL_ADDRESS, TASK_QUEUE, WORKFLOW_BUNDLE } = process.env;
  if (!TEMPORAL_ADDRESS || !TASK_QUEUE || !WORKFLOW_BUNDLE)
    throw new Error('TEMPORAL_ADDRESS, TASK_QUEUE and WORKFLOW_BUNDLE must be set');
  quietTemporalRuntime();
  const connection = await NativeConnection.connect({ address: TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    taskQueue: TASK_QUEUE,
    workflowBundle: { codePath: WORKFLOW_BUNDLE },
    activities: createActivities(discard),
  });
  process.on('message', (message) => {
    if (message === 'sample') {
      collectGarbage();
      const { rss, heapUsed } = process.memoryUsage();
      process.send?.({ rss, heapUsed } satisfies MemorySample);
    } else if (message === 'stop') {
      worker.shutdown();
    }
  });
  process.send?.('ready');
  await worker.run();
  await connection.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
