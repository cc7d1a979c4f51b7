/**
 * The hash chain: how entries are sealed, and how verifyTrail tells a changed, removed,
 * reordered or inserted entry apart, on a real trail (the recorded new-product-launch project).
 */
import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../audit/audit-entry';
import { buildAuditTrail } from '../../audit/build-trail';
import { canonicalJson } from '../../audit/canonical-json';
import { chainEntries, GENESIS_HASH, hashEntry, verifyTrail } from '../../audit/hash-chain';
import { loadRecordedEntries } from './support/recorded-histories';

let trail: AuditEntry[] = [];

beforeAll(async () => {
  trail = buildAuditTrail('project-launch', await loadRecordedEntries('new-product-launch'));
});

const at = (seq: number) => trail[seq - 1]!;
/** The entry re-sealed after a change, as a forger who knows the scheme would do. */
const resealed = (entry: Omit<AuditEntry, 'hash'>): AuditEntry => ({ ...entry, hash: hashEntry(entry) });

describe('chainEntries and hashEntry', () => {
  it('numbers entries from 1 and links each to the one before, starting from 64 zeros', () => {
    const chained = chainEntries([
      {
        at: '2026-01-01T00:00:00.000Z',
        actor: { user: '@system' },
        action: 'deadline.fired',
        summary: 'A.',
        source: { kind: 'api' },
      },
      {
        at: '2026-01-01T00:01:00.000Z',
        actor: { user: 'li.na' },
        action: 'form.submit',
        summary: 'B.',
        source: { kind: 'api' },
      },
    ]);
    expect(chained.map((e) => e.seq)).toEqual([1, 2]);
    expect(chained[0]!.prevHash).toBe(GENESIS_HASH);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(chained[1]!.prevHash).toBe(chained[0]!.hash);
  });

  it('hashes the canonical JSON of the entry without its hash: sorted keys, no spaces', () => {
    const { hash, ...content } = at(14);
    const expected = createHash('sha256')
      .update(JSON.stringify(sortKeys(content)), 'utf8')
      .digest('hex');
    expect(hash).toBe(expected);
    expect(canonicalJson(content)).toBe(JSON.stringify(sortKeys(content)));
  });

  it('does not depend on the order keys were written in', () => {
    const entry = at(14);
    const reversed = Object.fromEntries(Object.entries(entry).reverse()) as unknown as AuditEntry;
    expect(hashEntry(reversed)).toBe(entry.hash);
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

describe('verifyTrail', () => {
  it('accepts an intact trail and reports its last hash', () => {
    expect(verifyTrail(trail)).toEqual({ ok: true, entries: 49, lastHash: at(49).hash });
  });

  it('accepts an empty trail', () => {
    expect(verifyTrail([])).toEqual({ ok: true, entries: 0, lastHash: GENESIS_HASH });
  });

  describe('a changed entry', () => {
    it('is caught by its hash, with the expected and stored hashes', () => {
      const changed = trail.map((e) =>
        e.seq === 7 ? { ...e, after: { ...e.after, notified: ['mallory'] } } : e,
      );
      const result = verifyTrail(changed);
      expect(result).toEqual({
        ok: false,
        entries: 49,
        firstBadSeq: 7,
        problem: 'changed',
        detail: `entry 7 was changed: its hash does not match its content (expected ${hashEntry(changed[6]!)}, stored ${at(7).hash})`,
      });
    });

    it.each([
      ['actor', { actor: { user: 'mallory' } }],
      ['time', { at: '2026-12-06T08:48:00.793Z' }],
      ['summary', { summary: 'nothing happened.' }],
      ['an added field', { reason: 'because' }],
    ])('is caught whatever changed (%s)', (_what, change) => {
      const changed = trail.map((e) => (e.seq === 41 ? { ...e, ...change } : e));
      expect(verifyTrail(changed)).toMatchObject({ ok: false, firstBadSeq: 41, problem: 'changed' });
    });

    it('is caught by the next link when its hash was recomputed', () => {
      const forged = resealed({ ...at(20), summary: 'sun.peng did not ask for help.' });
      const result = verifyTrail(trail.map((e) => (e.seq === 20 ? forged : e)));
      expect(result).toEqual({
        ok: false,
        entries: 49,
        firstBadSeq: 20,
        problem: 'changed',
        detail: `entry 20 was changed and its hash recomputed to hide it: entry 21's prevHash ${at(20).hash} still points to the original entry 20, whose hash is now ${forged.hash}`,
      });
    });

    it('is caught in the first entry when its link was rewritten', () => {
      const forged = resealed({ ...at(1), prevHash: 'f'.repeat(64) });
      expect(verifyTrail([forged, ...trail.slice(1)])).toMatchObject({ firstBadSeq: 1, problem: 'changed' });
    });
  });

  describe('a removed entry', () => {
    it('shows as a gap the links confirm', () => {
      const result = verifyTrail(trail.filter((e) => e.seq !== 7));
      expect(result).toEqual({
        ok: false,
        entries: 48,
        firstBadSeq: 7,
        problem: 'removed',
        detail: `entry 7 was removed: entry 8 comes after entry 6, and its prevHash ${at(7).hash} points to an entry that is no longer in the trail`,
      });
    });

    it('names every entry of a removed run', () => {
      const result = verifyTrail(trail.filter((e) => e.seq < 30 || e.seq > 32));
      expect(result).toMatchObject({ firstBadSeq: 30, problem: 'removed' });
      expect(!result.ok && result.detail).toMatch(
        /^entries 30 to 32 were removed: entry 33 comes after entry 29/,
      );
    });

    it('is caught at the start', () => {
      expect(verifyTrail(trail.slice(1))).toMatchObject({ firstBadSeq: 1, problem: 'removed' });
    });

    it('at the end needs the archived last hash: a shorter chain is intact on its own', () => {
      const cut = trail.slice(0, 46);
      expect(verifyTrail(cut).ok).toBe(true);
      expect(verifyTrail(cut, { lastHash: at(49).hash, entries: 49 })).toEqual({
        ok: false,
        entries: 46,
        firstBadSeq: 47,
        problem: 'removed',
        detail:
          'the trail ends at entry 46, but the archived trail has 49 entries: entries 47 to 49 were removed',
      });
    });
  });

  describe('reordered entries', () => {
    it('are caught when two entries swap places', () => {
      const swapped = [...trail];
      [swapped[4], swapped[8]] = [swapped[8]!, swapped[4]!];
      expect(verifyTrail(swapped)).toEqual({
        ok: false,
        entries: 49,
        firstBadSeq: 5,
        problem: 'reordered',
        detail:
          'entries are out of order: entry 9 stands where entry 5 belongs (after entry 4); entry 5 is at position 9',
      });
    });

    it('are caught when neighbours swap', () => {
      const swapped = [...trail];
      [swapped[40], swapped[41]] = [swapped[41]!, swapped[40]!];
      expect(verifyTrail(swapped)).toMatchObject({ firstBadSeq: 41, problem: 'reordered' });
    });

    it('are caught when one entry moves later', () => {
      const moved = [...trail.slice(0, 2), ...trail.slice(3, 6), at(3), ...trail.slice(6)];
      expect(verifyTrail(moved)).toMatchObject({ firstBadSeq: 3, problem: 'reordered' });
    });
  });

  describe('an inserted entry', () => {
    it('is caught when forged to fit its place: the next entry links past it', () => {
      const forged = resealed({
        ...at(7),
        actor: { user: 'mallory' },
        action: 'approval.approve',
        summary: 'mallory approved everything.',
        prevHash: at(6).hash,
      });
      const inserted = [...trail.slice(0, 6), forged, ...trail.slice(6)];
      expect(verifyTrail(inserted)).toEqual({
        ok: false,
        entries: 50,
        firstBadSeq: 7,
        problem: 'inserted',
        detail:
          'an entry was inserted at position 7: the entries at positions 7 and 8 both claim seq 7; the second is the original (it links to entry 6), so the first was added',
      });
    });

    it('is caught when a copy of another entry is slipped in', () => {
      const inserted = [...trail.slice(0, 6), at(3), ...trail.slice(6)];
      expect(verifyTrail(inserted)).toEqual({
        ok: false,
        entries: 50,
        firstBadSeq: 7,
        problem: 'inserted',
        detail:
          'an entry was inserted at position 7: it claims seq 3 but is not part of the chain; entry 7 after it links straight to entry 6',
      });
    });

    it('is caught when it makes up a number of its own', () => {
      const made = { ...at(7), seq: 999, summary: 'mallory was here.' };
      expect(verifyTrail([...trail.slice(0, 6), made, ...trail.slice(6)])).toMatchObject({
        firstBadSeq: 7,
        problem: 'inserted',
      });
    });

    it('is caught at the very start', () => {
      const made = resealed({ ...at(1), summary: 'A different project started.' });
      expect(verifyTrail([made, ...trail])).toMatchObject({ firstBadSeq: 1, problem: 'inserted' });
    });

    it('at the end needs the archived last hash: a resealed extra entry extends the chain', () => {
      const extra = resealed({
        ...at(49),
        seq: 50,
        prevHash: at(49).hash,
        summary: 'mallory reopened the project.',
      });
      expect(verifyTrail([...trail, extra]).ok).toBe(true);
      expect(verifyTrail([...trail, extra], { lastHash: at(49).hash, entries: 49 })).toEqual({
        ok: false,
        entries: 50,
        firstBadSeq: 50,
        problem: 'inserted',
        detail:
          'an entry was inserted at position 50: entry 50 was appended after entry 49, which is the last entry of the archived trail',
      });
    });
  });

  it('catches a chain rewritten from scratch with the archived last hash', () => {
    const rewritten = chainEntries(
      trail.map(({ seq: _s, prevHash: _p, hash: _h, ...e }) =>
        e.actor.user === 'sun.peng' ? { ...e, actor: { user: 'gao.fei' } } : e,
      ),
    );
    expect(verifyTrail(rewritten).ok).toBe(true);
    expect(verifyTrail(rewritten, { lastHash: at(49).hash, entries: 49 })).toMatchObject({
      ok: false,
      problem: 'changed',
    });
    expect(verifyTrail(trail, { lastHash: at(49).hash, entries: 49 }).ok).toBe(true);
  });
});
