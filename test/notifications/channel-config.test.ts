/**
 * Loading channels.yaml: the shipped file, every channel type, secrets from the environment,
 * and clear problems with file:line:column when something is wrong.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { ChannelConfigError } from '../../notifications/config/channel-config-error';
import { findChannelConfig } from '../../notifications/config/find-channel-config';
import { loadChannelConfig, loadChannelConfigText } from '../../notifications/config/load-channel-config';
import { listDeclaredProperties, loadSchemaFile, missingAnnotations } from '../schema/schema-properties';
import { ROOT } from '../support/sop-fixtures';

const SHIPPED = join(ROOT, 'sop-definitions', 'notifications', 'channels.yaml');

/** The messages of a broken file, formatted as the worker prints them. */
function problemsOf(text: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    loadChannelConfigText(text, 'channels.yaml', env);
  } catch (error) {
    if (error instanceof ChannelConfigError)
      return error.problems.map((p) => `${p.line}:${p.column} ${p.message} [${p.code}]`);
    throw error;
  }
  throw new Error('expected a ChannelConfigError');
}

/** The shipped file with every commented example switched on. */
function shippedWithExamples(): string {
  const lines = readFileSync(SHIPPED, 'utf8').replace('allowHosts: []\n', '').split('\n');
  const start = lines.findIndex((l) => l.startsWith('allowPrivateNetworks'));
  return lines
    .map((line, index) => {
      const match = /^(\s*)# (\s*)([a-zA-Z][a-zA-Z0-9-]*:( |$).*|- .*)$/.exec(line);
      return index > start && match ? `${match[1]}${match[2]}${match[3]}` : line;
    })
    .join('\n');
}

const EXAMPLE_ENV = {
  SOP_WEBHOOK_SECRET: 'hook-secret',
  SMTP_USER: 'sop',
  SMTP_PASS: 'pass',
  FEISHU_RND_WEBHOOK_URL: 'https://open.feishu.cn/open-apis/bot/v2/hook/t1',
  FEISHU_RND_SECRET: 'fs',
  DINGTALK_SALES_WEBHOOK_URL: 'https://oapi.dingtalk.com/robot/send?access_token=t2',
  DINGTALK_SALES_SECRET: 'ds',
  WECOM_SERVICE_WEBHOOK_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=t3',
  SLACK_IT_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X',
};

describe('the shipped channels.yaml', () => {
  it('configures the log channel only, with an empty allow-list', () => {
    const config = loadChannelConfig(SHIPPED, {});
    expect([...config.channels]).toEqual([['log', { type: 'log' }]]);
    expect(config).toMatchObject({ allowHosts: [], allowPrivateNetworks: false, file: SHIPPED });
  });

  it('has a working commented example of every channel type', () => {
    const config = loadChannelConfigText(shippedWithExamples(), SHIPPED, EXAMPLE_ENV);
    expect(Object.fromEntries([...config.channels].map(([id, c]) => [id, c.type]))).toEqual({
      log: 'log',
      'ops-webhook': 'webhook',
      mail: 'email',
      'rnd-feishu': 'feishu',
      'sales-dingtalk': 'dingtalk',
      'service-wecom': 'wecom',
      'it-slack': 'slack',
    });
    expect(config.channels.get('rnd-feishu')).toEqual({
      type: 'feishu',
      url: 'https://open.feishu.cn/open-apis/bot/v2/hook/t1',
      secret: 'fs',
    });
    expect(config.channels.get('mail')).toEqual({
      type: 'email',
      host: 'smtp.example.com',
      port: 465,
      secure: true,
      requireTls: true,
      from: 'SOP 引擎 <sop@example.com>',
      auth: { user: 'sop', pass: 'pass' },
    });
  });
});

describe('loadChannelConfigText', () => {
  it('reads secrets from the environment and adds the log channel when missing', () => {
    const config = loadChannelConfigText(
      'allowHosts: ["*.example.com"]\nchannels:\n  hook:\n    type: webhook\n    url: https://hooks.example.com/x\n    secret: env:HOOK_SECRET\n',
      'channels.yaml',
      { HOOK_SECRET: ' s3cret ' },
    );
    expect(config.channels.get('hook')).toEqual({
      type: 'webhook',
      url: 'https://hooks.example.com/x',
      secret: 's3cret',
    });
    expect(config.channels.get('log')).toEqual({ type: 'log' });
  });

  it('names a missing environment variable, at the line that reads it', () => {
    const text = [
      'allowHosts: [open.feishu.cn]',
      'channels:',
      '  rnd:',
      '    type: feishu',
      '    url: env:FEISHU_URL',
      '    secret: env:FEISHU_SECRET',
    ].join('\n');
    expect(problemsOf(text, { FEISHU_URL: 'https://open.feishu.cn/open-apis/bot/v2/hook/x' })).toEqual([
      '6:13 channels.rnd.secret reads the environment variable FEISHU_SECRET, which is not set [CHANNELS_ENV_MISSING]',
    ]);
  });

  it('refuses a secret written in the file, without repeating it', () => {
    const problems = problemsOf(
      'channels:\n  hook:\n    type: webhook\n    url: https://a.example.com/\n    secret: hunter2\n',
    );
    expect(problems).toEqual(['5:13 channels.hook.secret is not written as expected [CHANNELS_SCHEMA]']);
    expect(problems.join()).not.toContain('hunter2');
  });

  it('refuses a URL whose host is not allowed, naming the host but not the URL', () => {
    const text = 'allowHosts: [open.feishu.cn]\nchannels:\n  ops:\n    type: slack\n    url: env:SLACK_URL\n';
    expect(problemsOf(text, { SLACK_URL: 'https://hooks.slack.com/services/T/B/SECRET' })).toEqual([
      "5:10 channels.ops.url (from SLACK_URL) goes to host 'hooks.slack.com', which is not in allowHosts (allowed: open.feishu.cn) [CHANNELS_URL]",
    ]);
  });

  it('lists every schema problem at once, each at its line, with a hint', () => {
    const text = [
      'channels:',
      '  Ops_Hook:',
      '    type: webhook',
      '  mail:',
      '    type: email',
      '    host: smtp.example.com',
      '    prot: 25',
      '  chat:',
      '    type: teams',
      'allowPrivateNetwork: true',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      "2:3 'Ops_Hook' is not a valid channel id [CHANNELS_SCHEMA]",
      "2:3 channels.Ops_Hook is missing the field 'url' [CHANNELS_SCHEMA]",
      "2:3 channels.Ops_Hook is missing the field 'secret' [CHANNELS_SCHEMA]",
      "4:3 channels.mail is missing the field 'port' [CHANNELS_SCHEMA]",
      "4:3 channels.mail is missing the field 'from' [CHANNELS_SCHEMA]",
      "7:5 channels.mail has an unknown field 'prot' [CHANNELS_SCHEMA]",
      '9:11 channels.chat.type is "teams" [CHANNELS_SCHEMA]',
      "10:1 the channels file has an unknown field 'allowPrivateNetwork' [CHANNELS_SCHEMA]",
    ]);
  });

  it('keeps the id log for the log channel', () => {
    expect(
      problemsOf(
        'channels:\n  log:\n    type: slack\n    url: https://hooks.slack.com/x\nallowHosts: [hooks.slack.com]\n',
      ),
    ).toEqual(["3:11 the channel 'log' must be of type log [CHANNELS_LOG_RESERVED]"]);
  });

  it('reports YAML syntax errors with their position', () => {
    const [problem] = problemsOf('channels:\n  log: { type: log\n');
    expect(problem).toMatch(/^\d+:\d+ .*\[/);
  });

  it('prints every problem as file:line:column with its hint', () => {
    try {
      loadChannelConfigText(
        'channels:\n  mail:\n    type: email\n    host: x\n    port: 25\n    from: a@b.c\n    sekure: true\n',
        'sop-definitions/notifications/channels.yaml',
        {},
      );
      throw new Error('expected a ChannelConfigError');
    } catch (error) {
      expect((error as Error).message).toBe(
        '[CHANNELS_CONFIG] sop-definitions/notifications/channels.yaml cannot be used (set SOP_CHANNELS_FILE to another file, or fix it):\n' +
          "sop-definitions/notifications/channels.yaml:7:5: error: channels.mail has an unknown field 'sekure' [CHANNELS_SCHEMA]\n" +
          "    hint: did you mean 'secure'?",
      );
    }
  });
});

describe('findChannelConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'channels-'));

  it('uses the log channel alone when the default file does not exist', () => {
    expect([...findChannelConfig(join(dir, 'channels.yaml'), false, {}).channels.keys()]).toEqual(['log']);
  });

  it('requires a file named explicitly (SOP_CHANNELS_FILE)', () => {
    expect(() => findChannelConfig(join(dir, 'missing.yaml'), true, {})).toThrow(
      /cannot read the file: it does not exist/,
    );
  });

  it('loads a file that exists', () => {
    const file = join(dir, 'channels.yaml');
    writeFileSync(file, 'channels:\n  audit:\n    type: log\n');
    expect([...findChannelConfig(file, false, {}).channels.keys()]).toEqual(['audit', 'log']);
  });
});

describe('channels.schema.json', () => {
  const schema = loadSchemaFile('channels.schema.json');

  it('compiles in ajv strict mode', () => {
    expect(() => new Ajv2020({ strict: true, allErrors: true }).compile(schema)).not.toThrow();
  });

  it('documents every property with a title, a description and examples', () => {
    const lacking = listDeclaredProperties(schema)
      .map((p) => ({ pointer: p.pointer, missing: missingAnnotations(p) }))
      .filter((p) => p.missing.length > 0);
    expect(lacking).toEqual([]);
  });
});
