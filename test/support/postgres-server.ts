/**
 * A throwaway PostgreSQL server for tests that need a real one: a new cluster in a temporary
 * folder, listening on 127.0.0.1 on a free port, stopped and deleted afterwards. It runs the
 * server binaries of the `postgresql` package (`/usr/lib/postgresql/<version>/bin`, or the
 * folder in `POSTGRES_BIN_DIR`). PostgreSQL refuses to run as root, so as root they run as the
 * `postgres` system user through `runuser`.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { findFreePort } from './free-port';

const DEBIAN_ROOT = '/usr/lib/postgresql';
const INSTALL_HINT =
  'install them with `apt-get install -y postgresql` (or run scripts/install-postgres.sh as root), or set POSTGRES_BIN_DIR to the folder holding initdb and pg_ctl';

/**
 * A running server and how to reach it.
 *
 * @example
 * const url = await server.createDatabase('audit_test_1');
 */
export interface PostgresServer {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly port: number;
  /** Creates an empty database and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and deletes its folder. */
  stop(): void;
}

function hasServerBinaries(dir: string): boolean {
  return existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
}

/**
 * The newest installed server's bin folder, or an error that says how to install one.
 *
 * @example
 * findPostgresBinaries(); // => '/usr/lib/postgresql/15/bin'
 */
export function findPostgresBinaries(): string {
  const override = process.env.POSTGRES_BIN_DIR;
  if (override) {
    if (hasServerBinaries(override)) return override;
    throw new Error(`POSTGRES_BIN_DIR=${override} holds no initdb and pg_ctl; ${INSTALL_HINT}`);
  }
  const versions = existsSync(DEBIAN_ROOT)
    ? readdirSync(DEBIAN_ROOT)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const found = versions.map((v) => join(DEBIAN_ROOT, v, 'bin')).find(hasServerBinaries);
  if (!found) {
    throw new Error(
      `PostgreSQL server binaries not found: no ${DEBIAN_ROOT}/<version>/bin with initdb and pg_ctl. The audit-store tests need a real PostgreSQL server: ${INSTALL_HINT}.`,
    );
  }
  return found;
}

const isRoot = () => process.getuid?.() === 0;

function runuserPath(): string {
  const found = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => existsSync(p));
  if (!found)
    throw new Error('running as root, but runuser (util-linux) is missing: PostgreSQL cannot run as root');
  return found;
}

/** Runs a PostgreSQL binary, as the `postgres` user when this process is root. */
function runPostgresBinary(binary: string, args: readonly string[], cwd: string): string {
  const [command, fullArgs] = isRoot()
    ? [runuserPath(), ['-u', 'postgres', '--', binary, ...args]]
    : [binary, [...args]];
  try {
    return execFileSync(command, fullArgs, { cwd, encoding: 'utf8', stdio: 'pipe', timeout: 120_000 });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${binary} ${args.join(' ')} failed: ${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`,
    );
  }
}

/** A folder the server's user owns, in a place that user can reach. */
function makeServerFolder(): string {
  const dir = mkdtempSync(join(isRoot() ? '/tmp' : tmpdir(), 'sop-audit-pg-'));
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  return dir;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no server log)';
  }
}

/** Starts the cluster on a free port; retries when another process took the port meanwhile. */
async function startOnFreePort(bin: string, dir: string, data: string, log: string): Promise<number> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await findFreePort();
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    try {
      runPostgresBinary(
        join(bin, 'pg_ctl'),
        ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start'],
        dir,
      );
      return port;
    } catch (error) {
      lastError = new Error(`${(error as Error).message}\nserver log:\n${tail(log)}`);
    }
  }
  throw lastError;
}

async function createDatabaseOn(url: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`database name '${name}' must be lower-case letters, digits and _ (a SQL identifier)`);
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // Identifiers cannot be query parameters; the name is checked above.
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return url.replace(/\/postgres$/, `/${name}`);
}

/**
 * Starts a throwaway PostgreSQL server. Fails with the install command when the binaries are
 * missing: the tests that need PostgreSQL must never pass by skipping it.
 *
 * @example
 * let server: PostgresServer;
 * beforeAll(async () => { server = await startPostgresServer(); });
 * afterAll(() => server?.stop());
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = findPostgresBinaries();
  const dir = makeServerFolder();
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  let port: number;
  try {
    runPostgresBinary(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
      dir,
    );
    port = await startOnFreePort(bin, dir, data, log);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    createDatabase: (name) => createDatabaseOn(url, name),
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        runPostgresBinary(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
