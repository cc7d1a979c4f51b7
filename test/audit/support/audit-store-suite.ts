/**
 * The behaviour every AuditStore must have, as one suite: sqlite-store.test.ts and
 * postgres-store.test.ts run it against a real sql.js file and a real PostgreSQL server.
 */
import type { AuditEntry } from '../../../audit/audit-entry';
import { buildAuditTrail } from '../../../audit/build-trail';
import type { DenialRecord } from '../../../audit/denial-record';
import { toJsonl } from '../../../audit/export';
import { verifyTrail } from '../../../audit/hash-chain';
import type { ArchiveRequest, AuditStore } from '../../../audit/store';
import { loadRecordedEntries } from './recorded-histories';

/** A fresh, empty store, and how to open the same data again (as after a restart). */
export interface OpenedStore {
  readonly store: AuditStore;
  readonly reopen: () => Promise<AuditStore>;
}

const PROJECT = 'project-change-request-approval';

const denial = (at: string, user: string, extra: Partial<DenialRecord> = {}): DenialRecord => ({
  projectId: PROJECT,
  at,
  actor: { user },
  action: 'approve',
  reason: "only the assignee of step 'ctoApproval' may approve",
  code: 'NOT_ALLOWED',
  ...extra,
});

const DENIALS: DenialRecord[] = [
  denial('2036-12-04T20:00:00.000Z', 'li.na', { step: 'ctoApproval' }),
  denial('2036-12-03T12:00:00.000Z', 'an.qi', {
    actor: { user: 'an.qi', onBehalfOf: 'zhao.lei' },
    action: 'task.update',
    task: 't1',
    code: 'ACCESS_DENIED',
    rule: 'assignee-only',
    method: 'POST',
    path: `/projects/${PROJECT}/actions`,
  }),
];

/**
 * Registers the shared tests. `open` gives each test an empty store of its own.
 *
 * @example
 * describe('SQLite store', () => runAuditStoreSuite(async () => openFresh()));
 */
export function runAuditStoreSuite(open: () => Promise<OpenedStore>): void {
  let trail: AuditEntry[] = [];
  let archive: ArchiveRequest;
  const opened: AuditStore[] = [];
  const fresh = async () => {
    const result = await open();
    opened.push(result.store);
    const reopen = async () => {
      const again = await result.reopen();
      opened.push(again);
      return again;
    };
    return { store: result.store, reopen };
  };

  beforeAll(async () => {
    trail = buildAuditTrail(PROJECT, await loadRecordedEntries('change-request-approval'), DENIALS);
    archive = {
      sopId: 'change-request-approval',
      sopVersion: '2.0.0',
      closedAt: '2036-12-04T21:48:01.575Z',
      status: 'completed',
      trail,
    };
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('records denials and lists a project’s own, in the order recorded, exactly as given', async () => {
    const { store } = await fresh();
    for (const record of DENIALS) await store.recordDenial(record);
    await store.recordDenial({ ...DENIALS[0]!, projectId: 'another-project' });
    expect(await store.listDenials(PROJECT)).toEqual(DENIALS);
    expect(await store.listDenials('another-project')).toHaveLength(1);
    expect(await store.listDenials('nobody')).toEqual([]);
  });

  it('refuses an incomplete denial, saying what is missing', async () => {
    const { store } = await fresh();
    await expect(store.recordDenial({ ...DENIALS[0]!, at: 'now', code: '' })).rejects.toThrow(
      "invalid denial record for project 'project-change-request-approval': at must be an ISO 8601 date-time with a zone, e.g. '2026-12-03T09:15:00.000Z'; code must be the rejection code, e.g. 'NOT_ALLOWED'",
    );
    expect(await store.listDenials(PROJECT)).toEqual([]);
  });

  it('archives a trail and reads it back entry for entry, still verifying', async () => {
    const { store } = await fresh();
    expect(await store.isArchived(PROJECT)).toBe(false);
    expect(await store.readArchivedTrail(PROJECT)).toBeUndefined();
    const lastHash = trail[trail.length - 1]!.hash;
    expect(await store.archiveTrail(PROJECT, archive)).toEqual({
      created: true,
      entries: trail.length,
      lastHash,
    });
    expect(await store.isArchived(PROJECT)).toBe(true);
    const read = await store.readArchivedTrail(PROJECT);
    expect(read).toEqual({
      projectId: PROJECT,
      sopId: 'change-request-approval',
      sopVersion: '2.0.0',
      closedAt: '2036-12-04T21:48:01.575Z',
      status: 'completed',
      entries: trail.length,
      lastHash,
      archivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      trail,
    });
    expect(toJsonl(read!.trail)).toBe(toJsonl(trail));
    expect(verifyTrail(read!.trail, { lastHash: read!.lastHash, entries: read!.entries }).ok).toBe(true);
  });

  it('keeps one copy when the same trail is archived again', async () => {
    const { store } = await fresh();
    const first = await store.archiveTrail(PROJECT, archive);
    const archivedAt = (await store.readArchivedTrail(PROJECT))!.archivedAt;
    expect(await store.archiveTrail(PROJECT, archive)).toEqual({ ...first, created: false });
    expect(await store.listArchivedProjects()).toHaveLength(1);
    expect((await store.readArchivedTrail(PROJECT))!.archivedAt).toBe(archivedAt);
  });

  it('lets exactly one of two simultaneous archives of a project write', async () => {
    const { store } = await fresh();
    const outcomes = await Promise.all([
      store.archiveTrail(PROJECT, archive),
      store.archiveTrail(PROJECT, archive),
    ]);
    expect(outcomes.map((o) => o.created).sort()).toEqual([false, true]);
  });

  it('refuses a different trail for an archived project and keeps the first', async () => {
    const { store } = await fresh();
    await store.archiveTrail(PROJECT, archive);
    const shorter = trail.slice(0, -1);
    await expect(
      store.archiveTrail(PROJECT, { ...archive, trail: shorter, status: 'cancelled' }),
    ).rejects.toThrow(
      `[AUDIT_ARCHIVE_CONFLICT] project '${PROJECT}' is already archived with a different trail: status is "completed" in the archive but "cancelled" now; entries is ${trail.length} in the archive but ${shorter.length} now; lastHash is "${trail[trail.length - 1]!.hash}" in the archive but "${shorter[shorter.length - 1]!.hash}" now. Archives are never overwritten`,
    );
    expect((await store.readArchivedTrail(PROJECT))!.trail).toEqual(trail);
  });

  it('refuses to archive a trail that does not verify, or an incomplete request', async () => {
    const { store } = await fresh();
    const tampered = trail.map((e) => (e.seq === 3 ? { ...e, summary: 'nothing happened.' } : e));
    await expect(store.archiveTrail(PROJECT, { ...archive, trail: tampered })).rejects.toThrow(
      `[AUDIT_ARCHIVE_INVALID] refusing to archive project '${PROJECT}': its trail does not verify (changed: entry 3 was changed: its hash does not match its content`,
    );
    await expect(store.archiveTrail(PROJECT, { ...archive, closedAt: 'today', trail: [] })).rejects.toThrow(
      `[AUDIT_ARCHIVE_INVALID] cannot archive project '${PROJECT}': closedAt must be an ISO 8601 date-time with a zone, e.g. '2026-12-07T13:48:00.844Z'; trail must hold the entries of buildAuditTrail (at least the kickoff)`,
    );
    expect(await store.isArchived(PROJECT)).toBe(false);
  });

  it('lists archived projects by closing time', async () => {
    const { store } = await fresh();
    await store.archiveTrail('project-b', { ...archive, closedAt: '2036-12-05T00:00:00.000Z' });
    await store.archiveTrail('project-a', { ...archive, closedAt: '2036-12-06T00:00:00.000Z' });
    await store.archiveTrail('project-c', { ...archive, closedAt: '2036-12-04T00:00:00.000Z' });
    const listed = await store.listArchivedProjects();
    expect(listed.map((p) => p.projectId)).toEqual(['project-c', 'project-b', 'project-a']);
    expect(listed[0]).not.toHaveProperty('trail');
    expect(listed[0]).toMatchObject({ entries: trail.length, status: 'completed', sopVersion: '2.0.0' });
  });

  it('keeps everything across a restart, and a trail rebuilt from it hashes the same', async () => {
    const { store, reopen } = await fresh();
    for (const record of DENIALS) await store.recordDenial(record);
    await store.archiveTrail(PROJECT, archive);
    await store.close();
    const again = await reopen();
    const denials = await again.listDenials(PROJECT);
    expect(denials).toEqual(DENIALS);
    const rebuilt = buildAuditTrail(PROJECT, await loadRecordedEntries('change-request-approval'), denials);
    expect(toJsonl(rebuilt)).toBe(toJsonl(trail));
    expect((await again.readArchivedTrail(PROJECT))!.trail).toEqual(trail);
    expect(await again.archiveTrail(PROJECT, { ...archive, trail: rebuilt })).toMatchObject({
      created: false,
    });
  });

  it('cannot be used once closed', async () => {
    const { store } = await fresh();
    await store.close();
    await expect(store.listDenials(PROJECT)).rejects.toThrow();
    await store.close();
  });
}
