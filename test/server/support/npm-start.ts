/**
 * Helpers to run this package's npm scripts as a user would (`npm start`, `npm run example:…`) on
 * temporary ports, shared by the end-to-end tests of `npm start` and of the examples.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export interface Started {
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for assertions and failure messages. */
  output(): string;
  /** Its exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

/** Runs an npm script of this package (`npm start`, `npm run example:change-request`), as a user would. */
export function runScript(script: string, env: NodeJS.ProcessEnv): Started {
  const args = script === 'start' ? ['start'] : ['run', script];
  const child = spawn(NPM, ['--silent', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { child, output: () => output, exited };
}

/** Free loopback ports: all held open at once, so they are distinct. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve) => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Polls `GET /healthz` until it answers 200; fails early with the output if the process exits. */
export async function waitForHealthy(apiUrl: string, started: Started, timeoutMs = 90_000): Promise<void> {
  let exited: number | string | undefined;
  void started.exited.then((code) => (exited = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined)
      throw new Error(`npm start exited (${exited}) before it was healthy:\n${started.output()}`);
    try {
      const response = await fetch(`${apiUrl}/healthz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`GET ${apiUrl}/healthz never answered 200 within ${timeoutMs} ms:\n${started.output()}`);
}

/** Sends SIGINT (Ctrl-C) to npm, which forwards it to the engine, and waits for the exit code. */
export async function interrupt(started: Started): Promise<number | string> {
  started.child.kill('SIGINT');
  return started.exited;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A temporary data folder and free ports for an embedded `npm start`, and the environment that uses them. */
export interface EmbeddedSetup {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly apiUrl: string;
}

export async function prepareEmbedded(prefix: string): Promise<EmbeddedSetup> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const [port, temporalPort, uiPort] = await freePorts(3);
  // The ambient environment may point at a real cluster: these tests are about embedded mode.
  const { TEMPORAL_ADDRESS: _address, TEMPORAL_NAMESPACE: _namespace, ...rest } = process.env;
  return {
    dataDir,
    apiUrl: `http://127.0.0.1:${port}`,
    env: {
      ...rest,
      DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
    },
  };
}

/** Kills only what a test started: its own children, and the dev server its pid file names; removes the data. */
export function cleanUpEmbedded(dataDir: string, children: readonly Started[]): void {
  for (const started of children) if (started.child.exitCode === null) started.child.kill('SIGKILL');
  const pidFile = join(dataDir, 'temporal-server.pid');
  if (existsSync(pidFile)) {
    const { server } = JSON.parse(readFileSync(pidFile, 'utf8')) as { server: number };
    if (isAlive(server)) process.kill(server, 'SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
}
