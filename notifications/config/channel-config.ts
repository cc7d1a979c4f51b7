/**
 * The notification channel configuration, as the worker uses it: `sop-definitions/notifications/channels.yaml`
 * after schema checks and with every `env:NAME` replaced by its value.
 *
 * Glossary: a **channel** is a named destination (`ops-feishu`); its **type** says how it
 * delivers (`feishu`); a **notification** is one `notify` effect; a **delivery** is one
 * notification sent through one channel.
 */

/** The channel types the worker knows. */
export const CHANNEL_TYPES = ['log', 'webhook', 'email', 'feishu', 'dingtalk', 'wecom', 'slack'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** The channel every project has; SOPs that name no channel use it. */
export const LOG_CHANNEL = 'log';

export interface LogChannelSettings {
  readonly type: 'log';
}

/** A generic receiver: signed JSON POST. */
export interface WebhookChannelSettings {
  readonly type: 'webhook';
  readonly url: string;
  readonly secret: string;
}

/** SMTP through nodemailer. */
export interface EmailChannelSettings {
  readonly type: 'email';
  readonly host: string;
  readonly port: number;
  /** Implicit TLS (port 465). */
  readonly secure: boolean;
  /** With `secure: false`: refuse to send unless STARTTLS succeeds. */
  readonly requireTls: boolean;
  readonly from: string;
  readonly auth?: { readonly user: string; readonly pass: string };
}

/** A chat platform's group bot webhook; `secret` only where the platform signs (Feishu, DingTalk). */
export interface BotChannelSettings {
  readonly type: 'feishu' | 'dingtalk' | 'wecom' | 'slack';
  readonly url: string;
  readonly secret?: string;
}

export type ChannelSettings =
  LogChannelSettings | WebhookChannelSettings | EmailChannelSettings | BotChannelSettings;

/** Where outbound requests may go (see `notifications/security/`). */
export interface OutboundPolicy {
  /** Exact hosts / IP addresses, or `*.domain` wildcards. */
  readonly allowHosts: readonly string[];
  /** Any allowed host may resolve to a private address (and use plain http there). */
  readonly allowPrivateNetworks: boolean;
}

/** The whole configuration, secrets resolved. */
export interface ChannelConfig extends OutboundPolicy {
  /** The file it came from (absent for the built-in default). */
  readonly file?: string;
  /** Channel id → settings; always has `log`. */
  readonly channels: ReadonlyMap<string, ChannelSettings>;
}

/**
 * The configuration used when no file exists: the `log` channel alone, no outbound hosts.
 *
 * @example
 * defaultChannelConfig().channels.get('log'); // { type: 'log' }
 */
export function defaultChannelConfig(): ChannelConfig {
  return {
    channels: new Map<string, ChannelSettings>([[LOG_CHANNEL, { type: 'log' }]]),
    allowHosts: [],
    allowPrivateNetworks: false,
  };
}
