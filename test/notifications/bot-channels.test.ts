/**
 * Feishu, DingTalk, WeCom and Slack bot messages against a real receiver on 127.0.0.1: body
 * formats and signatures as each platform documents them (the expected signatures are computed
 * here independently, straight from the documented recipe), and platform refusals that arrive
 * with HTTP 200.
 */
import { createHmac } from 'node:crypto';
import { deliverToDingTalk } from '../../notifications/channels/dingtalk-channel';
import { deliverToFeishu } from '../../notifications/channels/feishu-channel';
import { deliverToSlack } from '../../notifications/channels/slack-channel';
import { deliverToWeCom } from '../../notifications/channels/wecom-channel';
import { deliveryFor, FIXED_NOW, notifyEffect, testEnvironment } from './support/notification-fixtures';
import {
  startHttpReceiver,
  type Answer,
  type HttpReceiver,
  type ReceivedRequest,
} from './support/http-receiver';

const SECRET = 'SECbot-secret-0123456789';
const TEXT = `${notifyEffect().message}\n@何芸 @张敏`;
let receiver: HttpReceiver;
/** What the receiver answers next, by path; default: the platform's success answer. */
const answers = new Map<string, Answer>();

function answer(request: ReceivedRequest): Answer {
  const path = request.url.split('?')[0]!;
  const planned = answers.get(path);
  if (planned) {
    answers.delete(path);
    return planned;
  }
  if (path.startsWith('/feishu')) return { status: 200, body: '{"code":0,"msg":"success","data":{}}' };
  if (path.startsWith('/slack')) return { status: 200, body: 'ok' };
  return { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
}

beforeAll(async () => {
  receiver = await startHttpReceiver(answer);
});

afterAll(async () => {
  await receiver?.close();
});

const last = () => receiver.received[receiver.received.length - 1]!;
const env = testEnvironment();

describe('feishu channel', () => {
  it('sends msg_type text with timestamp (seconds) and sign = base64 HMAC-SHA256 keyed by "<timestamp>\\n<secret>"', async () => {
    const report = await deliverToFeishu(
      { type: 'feishu', url: `${receiver.origin}/feishu/open-apis/bot/v2/hook/tok`, secret: SECRET },
      deliveryFor('rnd-feishu'),
      env,
    );
    expect(report).toEqual({
      channel: 'rnd-feishu',
      recipients: ['he.yun', 'zhang.min'],
      outcome: 'delivered',
    });
    const timestamp = String(FIXED_NOW / 1000);
    const sign = createHmac('sha256', `${timestamp}\n${SECRET}`).update(Buffer.alloc(0)).digest('base64');
    expect(last().url).toBe('/feishu/open-apis/bot/v2/hook/tok');
    expect(JSON.parse(last().body)).toEqual({ timestamp, sign, msg_type: 'text', content: { text: TEXT } });
  });

  it('sends no timestamp or sign without a secret', async () => {
    await deliverToFeishu({ type: 'feishu', url: `${receiver.origin}/feishu/hook` }, deliveryFor('f'), env);
    expect(JSON.parse(last().body)).toEqual({ msg_type: 'text', content: { text: TEXT } });
  });

  it('throws when Feishu refuses the message with HTTP 200 and a non-zero code', async () => {
    answers.set('/feishu/hook', { status: 200, body: '{"code":19021,"msg":"sign match fail","data":{}}' });
    await expect(
      deliverToFeishu(
        { type: 'feishu', url: `${receiver.origin}/feishu/hook`, secret: 'x' },
        deliveryFor('f'),
        env,
      ),
    ).rejects.toThrow("'127.0.0.1' refused the message: code 19021 (sign match fail)");
  });
});

describe('dingtalk channel', () => {
  it('adds timestamp (ms) and sign = urlencoded base64 HMAC-SHA256(secret, "<timestamp>\\n<secret>") to the URL', async () => {
    await deliverToDingTalk(
      { type: 'dingtalk', url: `${receiver.origin}/dingtalk/robot/send?access_token=abc`, secret: SECRET },
      deliveryFor('sales-dingtalk'),
      env,
    );
    const url = new URL(last().url, receiver.origin);
    const sign = createHmac('sha256', SECRET).update(`${FIXED_NOW}\n${SECRET}`).digest('base64');
    expect(url.pathname).toBe('/dingtalk/robot/send');
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe(String(FIXED_NOW));
    expect(url.searchParams.get('sign')).toBe(sign);
    // The raw query carries the signature URL-encoded (base64's + / = escaped).
    expect(last().url).toContain(`sign=${encodeURIComponent(sign)}`);
    expect(JSON.parse(last().body)).toEqual({ msgtype: 'text', text: { content: TEXT } });
  });

  it('throws on a non-zero errcode', async () => {
    answers.set('/dingtalk/robot/send', {
      status: 200,
      body: '{"errcode":310000,"errmsg":"sign not match"}',
    });
    await expect(
      deliverToDingTalk(
        { type: 'dingtalk', url: `${receiver.origin}/dingtalk/robot/send?access_token=abc`, secret: 'bad' },
        deliveryFor('d'),
        env,
      ),
    ).rejects.toThrow('errcode 310000 (sign not match)');
  });
});

describe('wecom channel', () => {
  it('sends msgtype text with the recipients named in the content', async () => {
    await deliverToWeCom(
      { type: 'wecom', url: `${receiver.origin}/wecom/cgi-bin/webhook/send?key=k1` },
      deliveryFor('w'),
      env,
    );
    expect(last().url).toBe('/wecom/cgi-bin/webhook/send?key=k1');
    expect(JSON.parse(last().body)).toEqual({ msgtype: 'text', text: { content: TEXT } });
  });

  it('throws on a non-zero errcode', async () => {
    answers.set('/wecom/send', { status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' });
    await expect(
      deliverToWeCom({ type: 'wecom', url: `${receiver.origin}/wecom/send` }, deliveryFor('w'), env),
    ).rejects.toThrow('errcode 93000 (invalid webhook url)');
  });
});

describe('slack channel', () => {
  it('sends text with &, < and > escaped, so a message cannot ping the channel', async () => {
    const effect = notifyEffect({ message: 'Review <!channel> & ship > now', to: ['li.na'] });
    await deliverToSlack(
      { type: 'slack', url: `${receiver.origin}/slack/services/T/B/X` },
      deliveryFor('s', effect),
      env,
    );
    expect(JSON.parse(last().body)).toEqual({ text: 'Review &lt;!channel&gt; &amp; ship &gt; now\n@李娜' });
  });

  it('throws on an HTTP error, quoting the answer', async () => {
    answers.set('/slack/gone', { status: 404, body: 'no_service' });
    await expect(
      deliverToSlack({ type: 'slack', url: `${receiver.origin}/slack/gone` }, deliveryFor('s'), env),
    ).rejects.toThrow("'127.0.0.1' answered HTTP 404: no_service");
  });
});
