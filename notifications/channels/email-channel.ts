import { isIP } from 'node:net';
import { createTransport } from 'nodemailer';
import type { EmailChannelSettings } from '../config/channel-config';
import { resolveAllowedAddresses } from '../security/outbound-url';
import type { ChannelReport, DeliverToChannel } from './channel-delivery';
import { emailMessage } from './email-message';

const TIMEOUT_MS = 15_000;

/**
 * The `email` channel: one message over SMTP to every recipient with an `email` in org.yaml.
 * The SMTP host passes the same allow-list as webhook URLs, and the connection goes to the
 * address that was checked (TLS still verifies the certificate against the host name).
 * Nobody with an address: skipped, saying so. An SMTP error throws (retried; the Message-ID stays
 * the same, so a message that did arrive before the error is recognised as a duplicate).
 *
 * @example
 * await deliverToEmail({ type: 'email', host: 'smtp.example.com', port: 465, secure: true,
 *   requireTls: true, from: 'SOP <sop@example.com>' }, delivery, env);
 */
export const deliverToEmail: DeliverToChannel<EmailChannelSettings> = async (settings, delivery, env) => {
  const withEmail = delivery.recipients.filter((r) => r.email);
  const without = delivery.recipients.filter((r) => !r.email).map((r) => r.id);
  const missing = without.length > 0 ? `no email address in org.yaml for: ${without.join(', ')}` : undefined;
  if (withEmail.length === 0) {
    const report: ChannelReport = {
      channel: delivery.channel,
      recipients: [],
      outcome: 'skipped',
      detail: missing ?? 'the notification has no recipients',
    };
    return report;
  }
  const [address] = await resolveAllowedAddresses(settings.host, env.policy, delivery.channel, env.resolve);
  const transport = createTransport({
    host: address!.address,
    port: settings.port,
    secure: settings.secure,
    requireTLS: !settings.secure && settings.requireTls,
    ...(isIP(settings.host) === 0 ? { tls: { servername: settings.host } } : {}),
    ...(settings.auth ? { auth: { user: settings.auth.user, pass: settings.auth.pass } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.sendMail(emailMessage(delivery, withEmail, settings.from));
  } finally {
    transport.close();
  }
  return {
    channel: delivery.channel,
    recipients: withEmail.map((r) => r.id),
    outcome: 'delivered',
    ...(missing ? { detail: missing } : {}),
  };
};
