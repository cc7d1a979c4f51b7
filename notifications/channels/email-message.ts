import { createHash } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import type { ChannelDelivery, Recipient } from './channel-delivery';

/** Long subjects get cut by mail clients anyway; keep them readable. */
const MAX_SUBJECT_LENGTH = 120;

/**
 * The subject of a notification email: the message's first non-empty line, shortened.
 *
 * @example
 * emailSubject('【提醒】需求表待填写\n请在 24 小时内完成'); // '【提醒】需求表待填写'
 */
export function emailSubject(message: string): string {
  const first =
    message
      .split(/\r?\n/)
      .find((line) => line.trim() !== '')
      ?.trim() ?? '';
  if (first === '') return '(no subject)';
  return first.length > MAX_SUBJECT_LENGTH ? `${first.slice(0, MAX_SUBJECT_LENGTH - 1)}…` : first;
}

/**
 * A Message-ID derived from the idempotency key: every attempt of one delivery sends the same
 * id, so mail servers and clients that dedupe on it show the message once. Hashed, because the
 * key holds characters a Message-ID may not (`:`), and so it does not leak the project id.
 *
 * @example
 * emailMessageId('project-1:req:assigned:1:mail', 'SOP <sop@example.com>'); // '<sop.3f…@example.com>'
 */
export function emailMessageId(idempotencyKey: string, from: string): string {
  const hash = createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 40);
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'sop-engine.invalid';
  return `<sop.${hash}@${domain}>`;
}

/**
 * The nodemailer message for the recipients that have an address. The text part is UTF-8 in
 * base64 (safe for Chinese on any relay); a footer names project, step and task.
 *
 * @example
 * await transport.sendMail(emailMessage(delivery, withEmail, 'SOP <sop@example.com>'));
 */
export function emailMessage(
  delivery: ChannelDelivery,
  recipients: readonly Recipient[],
  from: string,
): SendMailOptions {
  const n = delivery.notification;
  const where = [`Project: ${delivery.projectId}`, `Step: ${n.step}`, ...(n.task ? [`Task: ${n.task}`] : [])];
  return {
    from,
    to: recipients.map((r) => ({ name: r.name, address: r.email! })),
    subject: emailSubject(n.message),
    text: `${n.message}\n\n--\n${where.join(' · ')}\n`,
    textEncoding: 'base64',
    messageId: emailMessageId(delivery.idempotencyKey, from),
    headers: { 'X-Sop-Idempotency-Key': delivery.idempotencyKey },
  };
}
