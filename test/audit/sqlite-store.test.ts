/**
 * The SQLite audit store against a real sql.js database file in a temporary folder: the shared
 * store suite, plus what only a file store has (folders, atomic writes, a damaged file).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { openAuditStore } from '../../audit/store/open-store';
import { openSqliteAuditStore } from '../../audit/store/sqlite-store';
import { runAuditStoreSuite } from './support/audit-store-suite';

let dir = '';
let count = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sop-audit-sqlite-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const nextFile = () => join(dir, `store-${++count}`, 'nested', 'audit.sqlite');

describe('SQLite audit store', () => {
  runAuditStoreSuite(async () => {
    const file = nextFile();
    return { store: await openSqliteAuditStore(file), reopen: () => openSqliteAuditStore(file) };
  });
});

describe('SQLite audit store file', () => {
  const denial = {
    projectId: 'p-1',
    at: '2026-12-01T00:00:00.000Z',
    actor: { user: 'li.na' },
    action: 'approve',
    reason: 'not the assignee',
    code: 'NOT_ALLOWED',
  };

  it('creates the file and its parent folders when opened, with both tables', async () => {
    const file = nextFile();
    const store = await openSqliteAuditStore(file);
    expect(store.kind).toBe('sqlite');
    expect(existsSync(file)).toBe(true);
    const SQL = await initSqlJs();
    const db = new SQL.Database(readFileSync(file));
    const tables = db.exec(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'audit_%' ORDER BY name",
    );
    expect(tables[0]?.values.flat()).toEqual(['audit_archives', 'audit_denials']);
    db.close();
    await store.close();
  });

  it('is on disk after every change, readable by a second reader, with no temporary files left', async () => {
    const file = nextFile();
    const store = await openSqliteAuditStore(file);
    const before = statSync(file).size;
    await store.recordDenial(denial);
    const reader = await openSqliteAuditStore(file);
    expect(await reader.listDenials('p-1')).toEqual([denial]);
    expect(statSync(file).size).toBeGreaterThanOrEqual(before);
    expect(readdirSync(join(file, '..'))).toEqual(['audit.sqlite']);
    await reader.close();
    await store.close();
  });

  it('says so when the file is not a database it wrote', async () => {
    const file = join(dir, 'not-a-database.sqlite');
    writeFileSync(file, 'these are not the bytes of a SQLite database, not even close to them');
    await expect(openSqliteAuditStore(file)).rejects.toThrow(
      `cannot open the audit archive ${file}: file is not a database; it must be a SQLite database written by this store (move the file away to start a new archive)`,
    );
  });

  it('needs a file name', async () => {
    await expect(openSqliteAuditStore('')).rejects.toThrow(
      "openSqliteAuditStore needs the SQLite file's path",
    );
  });

  it('is what openAuditStore picks without a database URL', async () => {
    const file = nextFile();
    for (const databaseUrl of [undefined, '', '  ']) {
      const store = await openAuditStore({
        sqliteFile: file,
        ...(databaseUrl !== undefined ? { databaseUrl } : {}),
      });
      expect(store.kind).toBe('sqlite');
      await store.close();
    }
    expect(existsSync(file)).toBe(true);
  });
});
