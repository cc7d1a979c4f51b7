import type { DocumentPath } from '../../engine/loader/document-path';
import { toPointer } from '../../engine/loader/document-path';
import type { SourceMap } from '../../engine/loader/source-map';
import type { Problem } from '../../engine/model/problem';
import { matchAllowedHost } from '../security/host-allow-list';
import { checkUrlShape } from '../security/outbound-url';
import {
  LOG_CHANNEL,
  type BotChannelSettings,
  type ChannelConfig,
  type ChannelSettings,
  type OutboundPolicy,
} from './channel-config';
import { describePath } from './explain-config-errors';
import { isEnvRef, resolveEnvRef } from './resolve-env-refs';

/** A channel as the schema admits it, before secrets are read. */
interface RawChannel {
  readonly type: ChannelSettings['type'];
  readonly url?: string;
  readonly secret?: string;
  readonly host?: string;
  readonly port?: number;
  readonly secure?: boolean;
  readonly requireTls?: boolean;
  readonly from?: string;
  readonly auth?: { readonly user: string; readonly pass: string };
}

/** A channels file that matched the schema. */
export interface RawChannelConfig {
  readonly channels: Readonly<Record<string, RawChannel>>;
  readonly allowHosts?: readonly string[];
  readonly allowPrivateNetworks?: boolean;
}

type Source = SourceMap & { readonly file: string };

/**
 * Turns a schema-valid channels file into the worker's configuration: reads every `env:NAME`
 * from `env`, checks each URL and SMTP host against the allow-list (so a wrong host stops the
 * start, not the first delivery hours later) and adds the `log` channel when missing. Problems
 * carry the line of the offending field; the caller throws them together.
 *
 * @example
 * const problems: Problem[] = [];
 * const config = buildChannelConfig(data as RawChannelConfig, loaded, process.env, problems);
 */
export function buildChannelConfig(
  raw: RawChannelConfig,
  source: Source,
  env: NodeJS.ProcessEnv,
  problems: Problem[],
): ChannelConfig {
  const policy: OutboundPolicy = {
    allowHosts: raw.allowHosts ?? [],
    allowPrivateNetworks: raw.allowPrivateNetworks ?? false,
  };
  const report = (path: DocumentPath, code: string, message: string, hint?: string) => {
    const { line, column } = source.locate(path);
    problems.push({
      code,
      severity: 'error',
      file: source.file,
      line,
      column,
      path: toPointer(path),
      message,
      ...(hint ? { hint } : {}),
    });
  };
  const read = (path: DocumentPath, value: string): string => {
    const resolved = resolveEnvRef(value, env);
    if (typeof resolved === 'string') return resolved;
    report(
      path,
      'CHANNELS_ENV_MISSING',
      `${describePath(path)} reads the environment variable ${resolved.variable}, which is not set`,
      `set ${resolved.variable} where the worker runs, or remove the channel`,
    );
    return '';
  };
  const readUrl = (path: DocumentPath, value: string): string => {
    const url = read(path, value);
    const problem = url === '' ? undefined : checkUrlShape(url, policy);
    if (problem) {
      const from = isEnvRef(value) ? ` (from ${value.slice(4)})` : '';
      report(
        path,
        'CHANNELS_URL',
        `${describePath(path)}${from} ${problem}`,
        'add the host to allowHosts, or fix the URL',
      );
    }
    return url;
  };

  const channels = new Map<string, ChannelSettings>();
  for (const [id, channel] of Object.entries(raw.channels)) {
    const at = (field: string): DocumentPath => ['channels', id, field];
    if (id === LOG_CHANNEL && channel.type !== 'log') {
      report(
        at('type'),
        'CHANNELS_LOG_RESERVED',
        `the channel 'log' must be of type log`,
        'give this channel another id',
      );
      continue;
    }
    channels.set(id, buildOne(channel, at, { read, readUrl, report, policy }));
  }
  if (!channels.has(LOG_CHANNEL)) channels.set(LOG_CHANNEL, { type: 'log' });
  return { file: source.file, channels, ...policy };
}

interface Readers {
  read(path: DocumentPath, value: string): string;
  readUrl(path: DocumentPath, value: string): string;
  report(path: DocumentPath, code: string, message: string, hint?: string): void;
  readonly policy: OutboundPolicy;
}

function buildOne(channel: RawChannel, at: (field: string) => DocumentPath, r: Readers): ChannelSettings {
  switch (channel.type) {
    case 'log':
      return { type: 'log' };
    case 'webhook':
      return {
        type: 'webhook',
        url: r.readUrl(at('url'), channel.url!),
        secret: r.read(at('secret'), channel.secret!),
      };
    case 'email': {
      const host = channel.host!;
      if (!matchAllowedHost(host, r.policy.allowHosts))
        r.report(
          at('host'),
          'CHANNELS_URL',
          `${describePath(at('host'))} '${host}' is not in allowHosts`,
          'add it to allowHosts',
        );
      const auth = channel.auth
        ? {
            user: r.read([...at('auth'), 'user'], channel.auth.user),
            pass: r.read([...at('auth'), 'pass'], channel.auth.pass),
          }
        : undefined;
      return {
        type: 'email',
        host,
        port: channel.port!,
        secure: channel.secure ?? false,
        requireTls: channel.requireTls ?? true,
        from: channel.from!,
        ...(auth ? { auth } : {}),
      };
    }
    default: {
      const bot: BotChannelSettings = {
        type: channel.type,
        url: r.readUrl(at('url'), channel.url!),
        ...(channel.secret !== undefined ? { secret: r.read(at('secret'), channel.secret) } : {}),
      };
      return bot;
    }
  }
}
