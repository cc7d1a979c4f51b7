/**
 * The worker's wiring: SOP_CHANNELS_FILE, secrets read at start, and a broken channels file
 * stopping the start as a configuration error (exit code 2) that names file and line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../server/config';
import { loadNotificationSink } from '../../server/run-worker';
import { ROOT } from '../support/sop-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'worker-channels-'));

function configError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('worker channel wiring', () => {
  it('uses sop-definitions/notifications/channels.yaml by default', () => {
    const config = loadConfig({}, ROOT);
    expect(config.channelsFile).toBe(join(ROOT, 'sop-definitions', 'notifications', 'channels.yaml'));
    expect(config.channelsFileRequired).toBe(false);
    expect(loadNotificationSink(config, {})).toBeDefined();
  });

  it('refuses a SOP_CHANNELS_FILE that does not exist, naming the variable', () => {
    expect(configError(() => loadConfig({ SOP_CHANNELS_FILE: 'nowhere/channels.yaml' }, ROOT))).toContain(
      `SOP_CHANNELS_FILE="nowhere/channels.yaml": the file ${join(ROOT, 'nowhere/channels.yaml')} does not exist`,
    );
  });

  it('stops the start when a secret is missing, naming the variable, the file and the line', () => {
    const file = join(dir, 'channels.yaml');
    writeFileSync(
      file,
      'allowHosts: [hooks.example.com]\nchannels:\n  hook:\n    type: webhook\n    url: https://hooks.example.com/sop\n    secret: env:HOOK_SECRET\n',
    );
    const config = loadConfig({ SOP_CHANNELS_FILE: file }, ROOT);
    expect(config).toMatchObject({ channelsFile: file, channelsFileRequired: true });
    const message = configError(() => loadNotificationSink(config, {}));
    expect(message).toContain('[CONFIG] Invalid configuration');
    expect(message).toContain(
      `${file}:6:13: error: channels.hook.secret reads the environment variable HOOK_SECRET, which is not set [CHANNELS_ENV_MISSING]`,
    );
    expect(loadNotificationSink(config, { HOOK_SECRET: 's' })).toBeDefined();
  });
});
