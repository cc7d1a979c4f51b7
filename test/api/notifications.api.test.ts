/**
 * `GET /projects/:id/notifications` against a real Temporal dev server and a worker delivering
 * through real channels (webhooks on 127.0.0.1): attempts, last failure and outcome per
 * notification and per channel, for a delivery that succeeds on its third attempt, one refused
 * by the allow-list, and one still being retried.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import type { NotificationLog } from '../../api/notifications/notification-log';
import { projectIdFor } from '../../api/projects/project-id';
import { loadChannelConfigText } from '../../notifications/config/load-channel-config';
import { createNotificationSink } from '../../notifications/create-notification-sink';
import type { ResolveHost } from '../../notifications/security/outbound-url';
import { createActivities, type EffectSink } from '../../workflows/activities/deliver-effect';
import { startHttpReceiver, type HttpReceiver } from '../notifications/support/http-receiver';
import {
  startSignedWebhookReceiver,
  type SignedWebhookReceiver,
} from '../notifications/support/signed-webhook-receiver';
import { LAUNCH_INPUT } from '../support/project-harness';
import { shippedOrg } from '../support/sop-fixtures';
import { sharedWorkflowBundle } from '../support/workflow-bundle';
import { BRIDGE_KEY, startApiHarness, type ApiHarness, type Reply } from './support/api-harness';

let api: ApiHarness;
let flaky: SignedWebhookReceiver;
let down: HttpReceiver;
let worker: Worker;
let running: Promise<void>;
let baseUrl: string;

/** Kickoff keys, so each project's id (and its routing) is known before it starts. */
const KEYS = { retried: `n-${randomUUID()}`, refused: `n-${randomUUID()}`, pending: `n-${randomUUID()}` };
const ROUTES: Record<string, string[]> = {
  [projectIdFor(KEYS.retried)]: ['flaky', 'log'],
  [projectIdFor(KEYS.refused)]: ['log', 'outside'],
  [projectIdFor(KEYS.pending)]: ['log', 'down'],
};

/** `hooks.example.test` is allowed by a wildcard but points at loopback: refused at delivery. */
const resolveInward: ResolveHost = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);

beforeAll(async () => {
  [api, flaky, down] = await Promise.all([
    startApiHarness(),
    startSignedWebhookReceiver('flaky-secret', { failFirst: 2 }),
    startHttpReceiver(() => ({ status: 503, body: 'down for maintenance' })),
  ]);
  const yaml = [
    'allowHosts: ["127.0.0.1", "*.example.test"]',
    'channels:',
    `  flaky: { type: webhook, url: "${flaky.origin}/sop", secret: env:FLAKY_SECRET }`,
    `  down: { type: webhook, url: "${down.origin}/sop", secret: env:DOWN_SECRET }`,
    '  outside: { type: slack, url: "https://hooks.example.test/services/T/B/X" }',
  ].join('\n');
  const config = loadChannelConfigText(yaml, 'test-channels.yaml', {
    FLAKY_SECRET: 'flaky-secret',
    DOWN_SECRET: 'x',
  });
  const notifications = createNotificationSink({
    config,
    org: shippedOrg(),
    writeLine: () => undefined,
    resolve: resolveInward,
  });
  const sink: EffectSink = {
    deliver: (projectId, key, effect, progress) =>
      notifications.deliver(
        projectId,
        key,
        effect.kind === 'notify' ? { ...effect, channels: ROUTES[projectId] ?? ['log'] } : effect,
        progress,
      ),
  };
  const taskQueue = `notifications-${randomUUID()}`;
  worker = await Worker.create({
    connection: api.env.nativeConnection,
    taskQueue,
    workflowBundle: sharedWorkflowBundle(),
    activities: createActivities(sink),
  });
  running = worker.run();
  baseUrl = await api.serveWith({ taskQueue });
});

afterAll(async () => {
  await api?.env.client.workflow
    .getHandle(projectIdFor(KEYS.pending))
    .terminate('test done')
    .catch(() => undefined);
  worker?.shutdown();
  await running;
  await Promise.all([api?.close(), flaky?.close(), down?.close()]);
});

async function get(path: string): Promise<Reply> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { 'X-Api-Key': BRIDGE_KEY } });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    location: null,
    body: await response.json(),
  };
}

async function kickoff(key: string): Promise<string> {
  const response = await fetch(`${baseUrl}/projects`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Idempotency-Key': key, 'X-Api-Key': BRIDGE_KEY },
    body: JSON.stringify({ sop: 'new-product-launch', input: LAUNCH_INPUT }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Polls the delivery log until `done` says the first notification got where the test wants. */
async function logOnce(
  id: string,
  done: (entry: Record<string, unknown>) => boolean,
): Promise<NotificationLog> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const reply = await get(`/projects/${id}/notifications`);
    expect(reply.status).toBe(200);
    const [entry] = reply.body.notifications as Record<string, unknown>[];
    if (entry && done(entry)) return reply.body as NotificationLog;
    if (Date.now() > deadline) throw new Error(`timed out; last log: ${JSON.stringify(reply.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('GET /projects/:id/notifications', () => {
  it('lists a notification delivered on its third attempt, with the failures before it', async () => {
    const id = await kickoff(KEYS.retried);
    const log = await logOnce(id, (e) => e.outcome !== 'pending');
    expect(log).toEqual({
      id,
      runs: 1,
      notifications: [
        {
          notification: 'requirement:assigned:1',
          at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          reason: 'assigned',
          step: 'requirement',
          recipients: ['he.yun'],
          message: expect.any(String),
          channels: [
            { channel: 'flaky', outcome: 'delivered', recipients: ['he.yun'] },
            { channel: 'log', outcome: 'delivered', recipients: ['he.yun'] },
          ],
          attempts: 3,
          lastFailure: expect.stringContaining(`'flaky': '127.0.0.1' answered HTTP 503`),
          outcome: 'delivered',
          runId: expect.any(String),
        },
      ],
    });
    expect(flaky.accepted).toHaveLength(1);
  });

  it('lists a refused destination as failed after one attempt, with the reason per channel', async () => {
    const id = await kickoff(KEYS.refused);
    const log = await logOnce(id, (e) => e.outcome !== 'pending');
    const [entry] = log.notifications;
    expect(entry).toMatchObject({
      attempts: 1,
      outcome: 'failed',
      lastFailure: expect.stringContaining('[OUTBOUND_REFUSED]'),
      channels: [
        { channel: 'log', outcome: 'delivered', recipients: ['he.yun'] },
        {
          channel: 'outside',
          outcome: 'failed',
          detail: expect.stringContaining(
            "host 'hooks.example.test' resolves to the private or loopback address 127.0.0.1",
          ),
        },
      ],
    });
  });

  it('lists a delivery still being retried as pending, with what got through so far', async () => {
    const id = await kickoff(KEYS.pending);
    const log = await logOnce(id, (e) => (e.attempts as number) >= 2);
    const [entry] = log.notifications;
    expect(entry).toMatchObject({
      outcome: 'pending',
      lastFailure: expect.stringContaining('down for maintenance'),
      channels: [
        { channel: 'log', outcome: 'delivered', recipients: ['he.yun'] },
        {
          channel: 'down',
          outcome: 'pending',
          detail: "'127.0.0.1' answered HTTP 503: down for maintenance",
        },
      ],
    });
  });

  it('answers 404 for an unknown project', async () => {
    const reply = await get('/projects/project-00000000000000000000000000000000/notifications');
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ code: 'UNKNOWN_PROJECT' });
  });
});
