/**
 * A notification receiver that is down must never hold back a project: deliveries run beside the
 * workflow and are retried under one idempotency key, while deadlines keep firing. Own file (own
 * time-skipping server): the test server's time skipping is sensitive to earlier updates.
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { registerSearchAttributes } from '../../server/register-search-attributes';
import { testServerExecutable } from '../../server/temporal-binaries';
import { createActivities } from '../../workflows/activities/deliver-effect';
import { LAUNCH_INPUT, projectArgs, RecordingSink, startProject } from '../support/project-harness';
import { quietTemporalRuntime, sharedWorkflowBundle } from '../support/workflow-bundle';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  quietTemporalRuntime();
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServerExecutable() } });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
});

afterAll(async () => {
  await env?.teardown();
});

describe('notification delivery', () => {
  it('never lets a failing notification channel hold back deadlines', async () => {
    const flaky = new RecordingSink();
    const attempts = new Map<string, number>();
    const taskQueue = `tq-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: sharedWorkflowBundle(),
      activities: createActivities({
        async deliver(projectId, key, effect) {
          attempts.set(key, (attempts.get(key) ?? 0) + 1);
          // The assignment notice's receiver is down for good; everything else gets through.
          if (effect.kind === 'notify' && effect.reason === 'assigned') throw new Error('receiver down');
          await flaky.deliver(projectId, key, effect);
        },
      }),
    });
    await worker.runUntil(async () => {
      const handle = await startProject(
        env.client.workflow,
        projectArgs('new-product-launch', LAUNCH_INPUT),
        taskQueue,
      );
      try {
        await env.sleep('25h');
        const delivered = flaky
          .forProject(handle.workflowId)
          .map((e) => (e.kind === 'notify' ? e.reason : e.what));
        expect(delivered.sort()).toEqual(['escalation', 'overdue', 'reminder']); // deliveries run side by side
        const assignedKey = `${handle.workflowId}:requirement:assigned:1`;
        // Retried under the same idempotency key (default policy: 30 attempts), then given up.
        expect(attempts.get(assignedKey)).toBe(30);
      } finally {
        await handle.terminate('test done');
      }
    });
  });
});
