/**
 * A project worker in a process of its own, for tests that kill it (`kill -9`) mid-project.
 * Effects are appended to EFFECT_LOG as JSON lines, one per delivery attempt that succeeded.
 */
import { appendFileSync } from 'node:fs';
import { NativeConnection, Worker, DefaultLogger, Runtime } from '@temporalio/worker';
import { createActivities } from '../../workflows/activities/deliver-effect';

async function main(): Promise<void> {
  const { TEMPORAL_ADDRESS, TASK_QUEUE, WORKFLOW_BUNDLE, EFFECT_LOG } = process.env;
  if (!TEMPORAL_ADDRESS || !TASK_QUEUE || !WORKFLOW_BUNDLE || !EFFECT_LOG) {
    throw new Error('TEMPORAL_ADDRESS, TASK_QUEUE, WORKFLOW_BUNDLE and EFFECT_LOG must be set');
  }
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
  const connection = await NativeConnection.connect({ address: TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    taskQueue: TASK_QUEUE,
    workflowBundle: { codePath: WORKFLOW_BUNDLE },
    activities: createActivities({
      deliver(projectId, key, effect) {
        appendFileSync(EFFECT_LOG, `${JSON.stringify({ projectId, key, effect, pid: process.pid })}\n`);
        return Promise.resolve();
      },
    }),
  });
  process.stdout.write('worker ready\n');
  await worker.run();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
