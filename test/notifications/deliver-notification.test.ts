/**
 * Routing one notification to its channels: every channel once, earlier successes not repeated,
 * failures collected with per-channel details, retryable unless every failure is a refusal.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { ChannelReport } from '../../notifications/channels/channel-delivery';
import type { ChannelConfig, ChannelSettings } from '../../notifications/config/channel-config';
import { createNotificationSink } from '../../notifications/create-notification-sink';
import { deliverNotification, type NotificationRouting } from '../../notifications/deliver-notification';
import { shippedOrg } from '../support/sop-fixtures';
import { notifyEffect, testEnvironment } from './support/notification-fixtures';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver';

let ok: HttpReceiver;
let down: HttpReceiver;

beforeAll(async () => {
  ok = await startHttpReceiver();
  down = await startHttpReceiver(() => ({ status: 503, body: 'maintenance' }));
});

afterAll(async () => {
  await Promise.all([ok?.close(), down?.close()]);
});

function routing(channels: Record<string, ChannelSettings>, lines: string[] = []): NotificationRouting {
  const config: ChannelConfig = {
    file: 'channels.yaml',
    channels: new Map<string, ChannelSettings>([['log', { type: 'log' }], ...Object.entries(channels)]),
    allowHosts: ['127.0.0.1'],
    allowPrivateNetworks: false,
  };
  return { config, org: shippedOrg(), env: testEnvironment(config, lines) };
}

const hook = (receiver: HttpReceiver): ChannelSettings => ({
  type: 'webhook',
  url: `${receiver.origin}/h`,
  secret: 's',
});

describe('deliverNotification', () => {
  it('delivers to each channel once, with a per-channel idempotency key, and reports each', async () => {
    const lines: string[] = [];
    const effect = notifyEffect({ channels: ['hook', 'log', 'hook'] });
    const report = await deliverNotification(routing({ hook: hook(ok) }, lines), 'p1', 'p1:n1', effect);
    expect(report).toEqual({
      notification: 'requirement:reminder:1',
      channels: [
        { channel: 'hook', recipients: ['he.yun', 'zhang.min'], outcome: 'delivered' },
        { channel: 'log', recipients: ['he.yun', 'zhang.min'], outcome: 'delivered' },
      ],
    });
    expect(ok.received.map((r) => r.headers['x-sop-idempotency-key'])).toEqual(['p1:n1:hook']);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: 'sop.effect',
      channel: 'log',
      idempotencyKey: 'p1:n1:log',
      id: effect.id,
    });
  });

  it('goes to log when the notification names no channel (projects from before routing)', async () => {
    const lines: string[] = [];
    const { channels: _dropped, ...legacy } = notifyEffect();
    const report = await deliverNotification(routing({}, lines), 'p1', 'p1:n2', legacy as never);
    expect(report.channels.map((c) => c.channel)).toEqual(['log']);
    expect(lines).toHaveLength(1);
  });

  it('skips channels an earlier attempt delivered, records new successes, and fails with details', async () => {
    const before = ok.received.length;
    const recorded: ChannelReport[] = [];
    const earlier: ChannelReport = { channel: 'hook', recipients: ['he.yun'], outcome: 'delivered' };
    const effect = notifyEffect({ channels: ['hook', 'log', 'broken'] });
    const failure = await deliverNotification(
      routing({ hook: hook(ok), broken: hook(down) }),
      'p1',
      'p1:n3',
      effect,
      {
        done: [earlier],
        record: (r) => recorded.push(r),
      },
    ).catch((e: unknown) => e);
    expect(ok.received.length).toBe(before); // not sent again
    expect(recorded.map((r) => r.channel)).toEqual(['log']);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      type: 'DeliveryFailed',
      nonRetryable: false,
      message:
        "notification requirement:reminder:1 failed on 1 of 3 channel(s): 'broken': '127.0.0.1' answered HTTP 503: maintenance",
      details: [
        {
          channels: ['hook', 'log', 'broken'],
          delivered: [earlier, { channel: 'log', recipients: ['he.yun', 'zhang.min'], outcome: 'delivered' }],
          failed: [{ channel: 'broken', message: "'127.0.0.1' answered HTTP 503: maintenance" }],
        },
      ],
    });
  });

  it('fails non-retryably when the only failures are refused destinations', async () => {
    const config = routing({ outside: { type: 'slack', url: 'https://hooks.slack.com/x' } });
    const failure = await deliverNotification(
      config,
      'p1',
      'p1:n4',
      notifyEffect({ channels: ['outside', 'log'] }),
    ).catch((e: unknown) => e);
    expect(failure).toMatchObject({ type: 'OutboundRefused', nonRetryable: true });
  });

  it('names an unknown channel and the ones defined (retryable: the config can be fixed meanwhile)', async () => {
    const failure = await deliverNotification(
      routing({}),
      'p1',
      'p1:n5',
      notifyEffect({ channels: ['ops-feishu'] }),
    ).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      nonRetryable: false,
      message: expect.stringContaining(
        "[CHANNEL_UNKNOWN] the SOP routes this notification to 'ops-feishu', which channels.yaml does not define (defined: log)",
      ),
    });
  });
});

describe('createNotificationSink', () => {
  it('sends record effects to the log only', async () => {
    const lines: string[] = [];
    const { config } = routing({ hook: hook(ok) });
    const sink = createNotificationSink({ config, writeLine: (l) => lines.push(l) });
    const report = await sink.deliver('p1', 'p1:r1', {
      kind: 'record',
      id: 'requirement:overdue:1',
      at: 0,
      step: 'requirement',
      what: 'overdue',
      detail: 'the requirement form is overdue',
    });
    expect(report).toEqual({
      record: 'requirement:overdue:1',
      channels: [{ channel: 'log', recipients: [], outcome: 'delivered' }],
    });
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: 'sop.effect',
      kind: 'record',
      idempotencyKey: 'p1:r1:log',
    });
  });
});
