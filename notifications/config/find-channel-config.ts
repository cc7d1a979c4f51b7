import { existsSync } from 'node:fs';
import { defaultChannelConfig, type ChannelConfig } from './channel-config';
import { loadChannelConfig } from './load-channel-config';

/**
 * The worker's channel configuration: the file at `path` when it exists. A missing file is an
 * error only when it was asked for explicitly (`SOP_CHANNELS_FILE`); otherwise the built-in
 * `log` channel alone is used, so an SOP folder without channels.yaml keeps working.
 *
 * @example
 * findChannelConfig(join(config.sopDefinitionsDir, 'notifications', 'channels.yaml'), false, process.env);
 */
export function findChannelConfig(path: string, explicit: boolean, env: NodeJS.ProcessEnv): ChannelConfig {
  if (!explicit && !existsSync(path)) return defaultChannelConfig();
  return loadChannelConfig(path, env);
}
