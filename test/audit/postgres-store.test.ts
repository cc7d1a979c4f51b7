/**
 * The PostgreSQL audit store against a real PostgreSQL server (a throwaway cluster started by
 * test/support/postgres-server.ts; install the server with `apt-get install -y postgresql`).
 * Runs the shared store suite, then what only a shared database has.
 */
import { Client } from 'pg';
import { buildAuditTrail } from '../../audit/build-trail';
import { openAuditStore } from '../../audit/store/open-store';
import { openPostgresAuditStore } from '../../audit/store/postgres-store';
import { findFreePort } from '../support/free-port';
import { findPostgresBinaries, startPostgresServer, type PostgresServer } from '../support/postgres-server';
import { runAuditStoreSuite } from './support/audit-store-suite';
import { loadRecordedEntries } from './support/recorded-histories';

let server: PostgresServer | undefined;
let count = 0;

beforeAll(async () => {
  server = await startPostgresServer();
}, 120_000);
afterAll(() => server?.stop());

/** An empty database of its own for each test. */
const freshDatabase = () => server!.createDatabase(`audit_test_${++count}`);

describe('PostgreSQL audit store', () => {
  runAuditStoreSuite(async () => {
    const url = await freshDatabase();
    return { store: await openPostgresAuditStore(url), reopen: () => openPostgresAuditStore(url) };
  });
});

describe('PostgreSQL audit store database', () => {
  it('creates its tables when missing, and opens again over them', async () => {
    const url = await freshDatabase();
    const [first, second] = await Promise.all([openPostgresAuditStore(url), openPostgresAuditStore(url)]);
    expect(first.kind).toBe('postgres');
    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'audit_%' ORDER BY table_name",
    );
    await client.end();
    expect(rows.map((r) => r.table_name)).toEqual(['audit_archives', 'audit_denials']);
    await Promise.all([first.close(), second.close()]);
    const third = await openPostgresAuditStore(url);
    await third.close();
  });

  it('lets exactly one of two API processes archive a project at the same moment', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([openPostgresAuditStore(url), openPostgresAuditStore(url)]);
    const trail = buildAuditTrail('p-1', await loadRecordedEntries('incident-response'));
    const archive = {
      sopId: 'incident-response',
      sopVersion: '1.0.0',
      closedAt: '2036-12-06T00:53:12.181Z',
      status: 'completed',
      trail,
    };
    const outcomes = await Promise.all([a.archiveTrail('p-1', archive), b.archiveTrail('p-1', archive)]);
    expect(outcomes.map((o) => o.created).sort()).toEqual([false, true]);
    expect(await a.listArchivedProjects()).toHaveLength(1);
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps values that look like SQL as plain text (parameterised queries)', async () => {
    const store = await openPostgresAuditStore(await freshDatabase());
    const projectId = "p'); DROP TABLE audit_denials; --";
    const record = {
      projectId,
      at: '2026-12-01T00:00:00Z',
      actor: { user: "o'brien" },
      action: 'approve',
      reason: '\\x00 "quoted"',
      code: 'NOT_ALLOWED',
    };
    await store.recordDenial(record);
    expect(await store.listDenials(projectId)).toEqual([record]);
    await store.close();
  });

  it('is what openAuditStore picks when a database URL is set', async () => {
    const store = await openAuditStore({
      databaseUrl: await freshDatabase(),
      sqliteFile: '/nonexistent/never-created.sqlite',
    });
    expect(store.kind).toBe('postgres');
    await store.close();
  });

  it('names the server, without its password, when it cannot connect', async () => {
    const port = await findFreePort();
    const url = `postgresql://auditor:s3cret@127.0.0.1:${port}/audit`;
    const failure = openPostgresAuditStore(url);
    await expect(failure).rejects.toThrow(
      new RegExp(
        `^cannot use the audit database postgresql://auditor:\\*\\*\\*@127\\.0\\.0\\.1:${port}/audit: .*ECONNREFUSED.*; check DATABASE_URL`,
      ),
    );
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });
});

describe('the throwaway server', () => {
  it('fails loudly, with the install command, when the server binaries are missing', () => {
    const saved = process.env.POSTGRES_BIN_DIR;
    process.env.POSTGRES_BIN_DIR = '/nonexistent/postgresql/bin';
    try {
      expect(() => findPostgresBinaries()).toThrow(
        /holds no initdb and pg_ctl; install them with `apt-get install -y postgresql`/,
      );
    } finally {
      if (saved === undefined) delete process.env.POSTGRES_BIN_DIR;
      else process.env.POSTGRES_BIN_DIR = saved;
    }
  });
});
