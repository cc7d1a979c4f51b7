/**
 * Exactly one logical delivery through a real worker running the real project workflow on a
 * Temporal dev server: a receiver that fails twice then succeeds sees three attempts under one
 * idempotency key (and dedupes them), and a second channel that delivered on the first attempt
 * is not sent again on the retries (progress kept in heartbeat details). The report lands in
 * history as the activity's result.
 */
import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { loadChannelConfigText } from '../../notifications/config/load-channel-config';
import { createNotificationSink } from '../../notifications/create-notification-sink';
import { temporalExecutable } from '../../server/temporal-binaries';
import { createActivities, type EffectSink } from '../../workflows/activities/deliver-effect';
import { SOP_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { LAUNCH_INPUT, projectArgs, startProject } from '../support/project-harness';
import { shippedOrg } from '../support/sop-fixtures';
import { quietTemporalRuntime, sharedWorkflowBundle } from '../support/workflow-bundle';
import { startSignedWebhookReceiver, type SignedWebhookReceiver } from './support/signed-webhook-receiver';

let env: TestWorkflowEnvironment;
let flaky: SignedWebhookReceiver;
let steady: SignedWebhookReceiver;

beforeAll(async () => {
  quietTemporalRuntime();
  [env, flaky, steady] = await Promise.all([
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: temporalExecutable(),
        searchAttributes: [...SOP_SEARCH_ATTRIBUTES],
        log: { format: 'json', level: 'error' },
      },
    }),
    startSignedWebhookReceiver('flaky-secret', { failFirst: 2 }),
    startSignedWebhookReceiver('steady-secret'),
  ]);
});

afterAll(async () => {
  await Promise.all([env?.teardown(), flaky?.close(), steady?.close()]);
});

/** The test's channels.yaml: two webhooks on loopback, allowed by naming 127.0.0.1 exactly. */
function channelsYaml(): string {
  return [
    'allowHosts: ["127.0.0.1"]',
    'allowPrivateNetworks: false',
    'channels:',
    '  log: { type: log }',
    '  flaky:',
    '    type: webhook',
    `    url: ${flaky.origin}/sop`,
    '    secret: env:FLAKY_SECRET',
    '  steady:',
    '    type: webhook',
    `    url: ${steady.origin}/sop`,
    '    secret: env:STEADY_SECRET',
  ].join('\n');
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('delivery retries', () => {
  it('deliver once per channel: three attempts, one key, one logical delivery, the other channel untouched', async () => {
    const lines: string[] = [];
    const config = loadChannelConfigText(channelsYaml(), 'test-channels.yaml', {
      FLAKY_SECRET: 'flaky-secret',
      STEADY_SECRET: 'steady-secret',
    });
    const notifications = createNotificationSink({
      config,
      org: shippedOrg(),
      writeLine: (l) => lines.push(l),
    });
    // The shipped SOP routes to `log`; this project's SOP would name the two webhooks.
    const sink: EffectSink = {
      deliver: (projectId, key, effect, progress) =>
        notifications.deliver(
          projectId,
          key,
          effect.kind === 'notify' ? { ...effect, channels: ['flaky', 'steady', 'log'] } : effect,
          progress,
        ),
    };
    const taskQueue = `notify-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: sharedWorkflowBundle(),
      activities: createActivities(sink),
    });
    await worker.runUntil(async () => {
      const args = {
        ...projectArgs('new-product-launch', LAUNCH_INPUT),
        deliveryRetry: { initialInterval: '200ms', maximumInterval: '1s' },
      };
      const handle = await startProject(env.client.workflow, args, taskQueue);
      try {
        const key = `${handle.workflowId}:requirement:assigned:1`;
        const history = await waitFor('the delivery to complete', async () => {
          const events = (await handle.fetchHistory()).events ?? [];
          return events.some((e) => e.activityTaskCompletedEventAttributes) ? events : undefined;
        });

        // The flaky receiver: three attempts, all under the same key, acted on once.
        expect(flaky.attemptsByKey.get(`${key}:flaky`)).toBe(3);
        const keys = flaky.received.map((r) => r.headers['x-sop-idempotency-key']);
        expect(keys).toEqual([`${key}:flaky`, `${key}:flaky`, `${key}:flaky`]);
        expect(flaky.accepted).toHaveLength(1);
        expect(flaky.rejected).toEqual([]);
        expect(JSON.parse(flaky.accepted[0]!.body)).toMatchObject({
          id: 'requirement:assigned:1',
          projectId: handle.workflowId,
          to: [{ id: 'he.yun', name: '何芸', email: 'he.yun@example.com' }],
        });

        // The other channels delivered on the first attempt and were not sent again.
        expect(steady.received.map((r) => r.headers['x-sop-idempotency-key'])).toEqual([`${key}:steady`]);
        expect(lines.filter((l) => l.includes(`"${key}:log"`))).toHaveLength(1);

        // Temporal counted three attempts and kept the report as the activity's result.
        const started = history.find(
          (e) => e.activityTaskStartedEventAttributes,
        )?.activityTaskStartedEventAttributes;
        expect(started?.attempt).toBe(3);
        expect(started?.lastFailure?.message).toContain("'flaky': '127.0.0.1' answered HTTP 503");
        const completed = history.find(
          (e) => e.activityTaskCompletedEventAttributes,
        )?.activityTaskCompletedEventAttributes;
        expect(defaultPayloadConverter.fromPayload(completed!.result!.payloads![0]!)).toEqual({
          notification: 'requirement:assigned:1',
          channels: [
            { channel: 'flaky', recipients: ['he.yun'], outcome: 'delivered' },
            { channel: 'steady', recipients: ['he.yun'], outcome: 'delivered' },
            { channel: 'log', recipients: ['he.yun'], outcome: 'delivered' },
          ],
        });
      } finally {
        await handle.terminate('test done');
      }
    });
  });
});
