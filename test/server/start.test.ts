/**
 * `npm start` end to end, with real processes and no mocks: the embedded Temporal dev server, the
 * worker and the API start in one process; the launch example drives a project to its close over
 * HTTP; Ctrl-C (SIGINT) stops everything with exit code 0 and leaves no dev server behind; a second
 * start on the same DATA_DIR still has the project (the SQLite file persisted it).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readSigningSecret } from '../../api/auth/dev-secret';
import { mintToken } from '../../api/auth/mint-token';
import { ConfigError, loadConfig } from '../../server/config';
import {
  cleanUpEmbedded,
  interrupt,
  isAlive,
  prepareEmbedded,
  ROOT,
  runScript,
  waitForHealthy,
  type Started,
} from './support/npm-start';

describe('loadConfig', () => {
  const load = (env: NodeJS.ProcessEnv) => loadConfig(env, ROOT);
  const problemsOf = (env: NodeJS.ProcessEnv): readonly string[] => {
    try {
      load(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  it('works with no variables at all: embedded Temporal on loopback', () => {
    const config = load({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      dataDir: join(ROOT, 'data'),
      sopDefinitionsDir: join(ROOT, 'sop-definitions'),
      retention: '30d',
      retentionSeconds: 30 * 86_400,
      temporal: { namespace: 'default', taskQueue: 'sop-projects', port: 7233, uiPort: 8233 },
    });
    expect(config.temporal.address).toBeUndefined();
    expect(config.temporal.tls).toBeUndefined();
  });

  it('lists every bad variable at once, each by name', () => {
    expect(
      problemsOf({ PORT: '0', SOP_RETENTION: '5m', TEMPORAL_UI_PORT: '7233', TEMPORAL_NAMESPACE: 'a b' }),
    ).toEqual([
      'PORT="0": must be a port number from 1 to 65535, e.g. 3000',
      'SOP_RETENTION="5m": must be a whole number of hours, days or weeks, e.g. 30d, 72h or 8w',
      'TEMPORAL_UI_PORT="7233": must differ from TEMPORAL_PORT (7233)',
      'TEMPORAL_NAMESPACE="a b": must be a namespace name: letters, digits, ".", "_" or "-"',
    ]);
  });

  /** A cluster deployment must bring its own API credentials. */
  const KEYS = { SOP_API_KEYS: 'oa-bridge=k_0123456789abcdef' };

  it('connects to a cluster with TLS when an API key is set', () => {
    const config = load({ TEMPORAL_ADDRESS: 'ns.tmprl.cloud:7233', TEMPORAL_API_KEY: 'secret', ...KEYS });
    expect(config.temporal).toMatchObject({ address: 'ns.tmprl.cloud:7233', apiKey: 'secret', tls: {} });
  });

  it('refuses TLS settings for the embedded server and half a client certificate', () => {
    expect(problemsOf({ TEMPORAL_API_KEY: 'secret' })).toEqual([
      'TEMPORAL_ADDRESS="": is unset (embedded server) but TLS or TEMPORAL_API_KEY is set',
    ]);
    expect(
      problemsOf({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_TLS_CERT: 'package.json', ...KEYS }),
    ).toEqual(['TEMPORAL_TLS_KEY="": mutual TLS needs both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY']);
  });

  it('refuses a cluster deployment without API credentials, and bad credentials, saying what to set', () => {
    expect(problemsOf({ TEMPORAL_ADDRESS: 'temporal:7233' })).toEqual([
      'no API credentials: set SOP_API_KEYS (user=key,…) and/or SOP_JWT_SECRET or SOP_JWT_PUBLIC_KEY(_FILE); only the embedded development set-up (TEMPORAL_ADDRESS unset) makes its own',
    ]);
    expect(
      problemsOf({ SOP_API_KEYS: 'oa-bridge=short,=k_0123456789abcdef', SOP_JWT_SECRET: 'too-short' }),
    ).toEqual([
      "SOP_API_KEYS: the key of 'oa-bridge' is shorter than 16 characters; use a long random key",
      'SOP_API_KEYS: entry 2 must be <user-id>=<key> or <user-id>=sha256:<hex>, e.g. oa-bridge=k_3f9a…',
      'SOP_JWT_SECRET: must be at least 32 bytes (e.g. `openssl rand -hex 32`)',
    ]);
    expect(load({ TEMPORAL_ADDRESS: 'temporal:7233', ...KEYS }).auth.apiKeys).toEqual([
      { user: 'oa-bridge', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });
});

describe('npm start', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let apiUrl: string;
  const children: Started[] = [];

  beforeAll(async () => {
    ({ dataDir, env, apiUrl } = await prepareEmbedded('sop-start-'));
  });

  afterAll(() => cleanUpEmbedded(dataDir, children));

  function start(): Started {
    const started = runScript('start', env);
    children.push(started);
    return started;
  }

  it('fails fast on a bad PORT, naming the variable', async () => {
    const started = runScript('start', { ...env, PORT: 'abc' });
    children.push(started);
    expect(await started.exited).toBe(2);
    expect(started.output()).toContain('PORT="abc": must be a port number');
  });

  it('runs a project to its close, stops on Ctrl-C, and still has it after a restart', async () => {
    const first = start();
    await waitForHealthy(apiUrl, first);
    expect(first.output()).toContain(`API          ${apiUrl}`);
    const devServerPid = Number(/embedded dev server, pid (\d+)/.exec(first.output())?.[1]);
    expect(isAlive(devServerPid)).toBe(true);

    const example = runScript('example:launch', { ...env, API_URL: apiUrl });
    const exampleCode = await example.exited;
    if (exampleCode !== 0) throw new Error(`the example exited ${exampleCode}:\n${example.output()}`);
    expect(example.output()).toContain('refused as expected (409 WRONG_STATE)');
    const projectId = /Project id: (\S+)/.exec(example.output())?.[1];
    expect(projectId).toBeDefined();

    expect(await interrupt(first)).toBe(0);
    expect(first.output()).toMatch(/stopped API[\s\S]*stopped worker[\s\S]*stopped Temporal dev server/);
    expect(isAlive(devServerPid)).toBe(false);
    expect(existsSync(join(dataDir, 'temporal.db'))).toBe(true);

    const second = start();
    await waitForHealthy(apiUrl, second);
    const path = `${apiUrl}/projects/${encodeURIComponent(projectId!)}`;
    expect((await fetch(path)).status).toBe(401);
    // The development secret survives the restart: a token signed with it still works.
    const secret = readSigningSecret(env, ROOT);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const token = await mintToken({ secret: secret!, user: 'he.yun' });
    const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const view = (await response.json()) as { status: string; tasks: { status: string }[] };
    expect(view.status).toBe('completed');
    expect(view.tasks.map((t) => t.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(await interrupt(second)).toBe(0);
  }, 240_000);
});
