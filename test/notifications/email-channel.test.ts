/**
 * The email channel against a real SMTP server (smtp-server) on 127.0.0.1: Chinese text in
 * UTF-8, the recipients' addresses from org.yaml, a Message-ID derived from the idempotency key.
 */
import { deliverToEmail } from '../../notifications/channels/email-channel';
import { emailMessageId, emailSubject } from '../../notifications/channels/email-message';
import type { EmailChannelSettings } from '../../notifications/config/channel-config';
import { deliveryFor, notifyEffect, testEnvironment } from './support/notification-fixtures';
import { headerOf, startSmtpReceiver, textBodyOf, type SmtpReceiver } from './support/smtp-receiver';

const LOGIN = { user: 'sop-bot', pass: 'smtp-pass-测试' };
let smtp: SmtpReceiver;
let settings: EmailChannelSettings;

beforeAll(async () => {
  smtp = await startSmtpReceiver(LOGIN);
  settings = {
    type: 'email',
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    // The test server offers no STARTTLS; a real relay on a trusted network is the only such case.
    requireTls: false,
    from: 'SOP 引擎 <sop@example.com>',
    auth: LOGIN,
  };
});

afterAll(async () => {
  await smtp?.close();
});

describe('email channel', () => {
  it('sends one UTF-8 email to the recipients, subject from the first line, Message-ID from the key', async () => {
    const delivery = deliveryFor('mail');
    const report = await deliverToEmail(settings, delivery, testEnvironment());
    expect(report).toEqual({ channel: 'mail', recipients: ['he.yun', 'zhang.min'], outcome: 'delivered' });
    expect(smtp.logins).toEqual(['sop-bot']);
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail!.from).toBe('sop@example.com');
    expect(mail!.to).toEqual(['he.yun@example.com', 'zhang.min@example.com']);
    expect(headerOf(mail!.raw, 'Subject')).toBe('【提醒】项目需求表尚未提交');
    expect(headerOf(mail!.raw, 'From')).toBe('SOP 引擎 <sop@example.com>');
    expect(headerOf(mail!.raw, 'To')).toBe('何芸 <he.yun@example.com>, 张敏 <zhang.min@example.com>');
    expect(headerOf(mail!.raw, 'Content-Type')).toMatch(/^text\/plain; charset=utf-8/i);
    expect(headerOf(mail!.raw, 'Message-ID')).toBe(emailMessageId(delivery.idempotencyKey, settings.from));
    expect(headerOf(mail!.raw, 'X-Sop-Idempotency-Key')).toBe('project-test:requirement:reminder:1:mail');
    expect(textBodyOf(mail!.raw)).toBe(
      `${delivery.notification.message}\n\n--\nProject: project-test · Step: requirement\n`,
    );
  });

  it('sends a retry with the same Message-ID, so mail systems can drop the duplicate', async () => {
    const delivery = deliveryFor('mail');
    await deliverToEmail(settings, delivery, testEnvironment());
    const ids = smtp.mails.map((m) => headerOf(m.raw, 'Message-ID'));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^<sop\.[0-9a-f]{40}@example\.com>$/);
  });

  it('skips (and says why) when nobody has an address; names those without one', async () => {
    const before = smtp.mails.length;
    const nobody = deliveryFor('mail', notifyEffect({ to: ['ghost.user'] }));
    expect(await deliverToEmail(settings, nobody, testEnvironment())).toEqual({
      channel: 'mail',
      recipients: [],
      outcome: 'skipped',
      detail: 'no email address in org.yaml for: ghost.user',
    });
    const some = deliveryFor('mail', notifyEffect({ id: 'x:1', to: ['li.na', 'ghost.user'] }));
    expect(await deliverToEmail(settings, some, testEnvironment())).toMatchObject({
      recipients: ['li.na'],
      outcome: 'delivered',
      detail: 'no email address in org.yaml for: ghost.user',
    });
    expect(smtp.mails.slice(before).map((m) => m.to)).toEqual([['li.na@example.com']]);
  });

  it('refuses an SMTP host that the allow-list does not name, before connecting', async () => {
    const env = testEnvironment({ allowHosts: ['smtp.example.com'], allowPrivateNetworks: false });
    await expect(deliverToEmail(settings, deliveryFor('mail'), env)).rejects.toMatchObject({
      type: 'OutboundRefused',
      nonRetryable: true,
      message: expect.stringContaining("host '127.0.0.1' is not in allowHosts"),
    });
  });

  it('fails (retryably) when the server refuses the login', async () => {
    await expect(
      deliverToEmail(
        { ...settings, auth: { user: 'sop-bot', pass: 'wrong' } },
        deliveryFor('mail'),
        testEnvironment(),
      ),
    ).rejects.toThrow(/invalid login/i);
  });
});

describe('emailSubject', () => {
  it('takes the first non-empty line and shortens long ones', () => {
    expect(emailSubject('\n  周报提醒  \n正文')).toBe('周报提醒');
    expect(emailSubject('')).toBe('(no subject)');
    expect(emailSubject('长'.repeat(300))).toHaveLength(120);
  });
});
