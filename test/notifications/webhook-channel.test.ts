/**
 * The generic webhook channel against a real receiver on 127.0.0.1 that verifies the signature
 * and the timestamp the documented way, and rejects a tampered body and a replayed request.
 */
import { request } from 'node:http';
import { deliverToWebhook, webhookBody } from '../../notifications/channels/webhook-channel';
import { signWebhook, verifyWebhook } from '../../notifications/signing/webhook-signature';
import { deliveryFor, FIXED_NOW, testEnvironment } from './support/notification-fixtures';
import { startSignedWebhookReceiver, type SignedWebhookReceiver } from './support/signed-webhook-receiver';

const SECRET = 'test-secret-不要外传';
let receiver: SignedWebhookReceiver;

beforeAll(async () => {
  receiver = await startSignedWebhookReceiver(SECRET, { now: () => FIXED_NOW + 2_000 });
});

afterAll(async () => {
  await receiver?.close();
});

/** Sends raw bytes with chosen headers, as an attacker replaying or editing a request would. */
function post(body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${receiver.origin}/sop`, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('webhook channel', () => {
  it('POSTs the documented JSON, signed, with the idempotency key; the receiver verifies it', async () => {
    const delivery = deliveryFor('ops-hook');
    const report = await deliverToWebhook(
      { type: 'webhook', url: `${receiver.origin}/sop`, secret: SECRET },
      delivery,
      testEnvironment(),
    );
    expect(report).toEqual({
      channel: 'ops-hook',
      recipients: ['he.yun', 'zhang.min'],
      outcome: 'delivered',
    });
    expect(receiver.rejected).toEqual([]);
    const [got] = receiver.accepted;
    expect(got!.headers['x-sop-idempotency-key']).toBe('project-test:requirement:reminder:1:ops-hook');
    expect(got!.headers['x-sop-timestamp']).toBe(String(FIXED_NOW / 1000));
    expect(got!.headers['x-sop-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(got!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(got!.body)).toEqual({
      id: 'requirement:reminder:1',
      idempotencyKey: 'project-test:requirement:reminder:1:ops-hook',
      projectId: 'project-test',
      sop: 'new-product-launch',
      reason: 'reminder',
      step: 'requirement',
      to: [
        { id: 'he.yun', name: '何芸', email: 'he.yun@example.com' },
        { id: 'zhang.min', name: '张敏', email: 'zhang.min@example.com' },
      ],
      message: delivery.notification.message,
      at: '2026-01-05T01:00:00.000Z',
    });
  });

  it('lets a receiver reject a tampered body and a replayed (old) request', async () => {
    const [original] = receiver.accepted;
    const headers = {
      'content-type': 'application/json',
      'x-sop-timestamp': String(original!.headers['x-sop-timestamp']),
      'x-sop-signature': String(original!.headers['x-sop-signature']),
      'x-sop-idempotency-key': 'project-test:tampered',
    };
    const tampered = original!.body.replace('尚未提交', '已经提交');
    expect(await post(tampered, headers)).toBe(401);

    // Replayed ten minutes later: the signature is valid, but the timestamp is too old.
    const old = FIXED_NOW / 1000 - 600;
    const replay = {
      ...headers,
      'x-sop-timestamp': String(old),
      'x-sop-signature': signWebhook(SECRET, old, original!.body),
    };
    expect(await post(original!.body, replay)).toBe(401);

    expect(receiver.rejected.map((r) => r.reason)).toEqual([
      'signature does not match the body',
      'timestamp too old or in the future (replay?)',
    ]);
    expect(receiver.accepted).toHaveLength(1);
  });

  it('throws (so the activity retries) when the receiver answers an error', async () => {
    const delivery = deliveryFor('ops-hook');
    await expect(
      deliverToWebhook(
        { type: 'webhook', url: `${receiver.origin}/sop`, secret: 'wrong' },
        delivery,
        testEnvironment(),
      ),
    ).rejects.toThrow(/'127\.0\.0\.1' answered HTTP 401: \{"error":"signature does not match the body"\}/);
  });
});

describe('verifyWebhook', () => {
  const body = JSON.stringify(webhookBody(deliveryFor('ops-hook')));
  const timestamp = FIXED_NOW / 1000;
  const signature = signWebhook(SECRET, timestamp, body);

  it('accepts a fresh, correctly signed request and refuses the rest, saying why', () => {
    const check = (over: Partial<{ body: string; timestamp: string; signature: string }>, now = FIXED_NOW) =>
      verifyWebhook(SECRET, { body, timestamp: String(timestamp), signature, ...over }, now);
    expect(check({})).toEqual({ ok: true });
    const flipped = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
    expect(check({ signature: flipped })).toEqual({ ok: false, reason: 'signature does not match the body' });
    expect(check({ timestamp: 'yesterday' })).toEqual({
      ok: false,
      reason: 'missing or malformed timestamp',
    });
    expect(check({}, FIXED_NOW + 301_000)).toEqual({
      ok: false,
      reason: 'timestamp too old or in the future (replay?)',
    });
    expect(check({ signature: 'sha1=abc' })).toEqual({
      ok: false,
      reason: 'signature does not match the body',
    });
  });
});
