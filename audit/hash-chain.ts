import { createHash } from 'node:crypto';
import type { AuditEntry, UnchainedAuditEntry } from './audit-entry';
import { canonicalJson } from './canonical-json';
import { checkAnchor, findChainBreak, type TamperKind } from './chain-break';

export type { TamperKind } from './chain-break';

/**
 * The `prevHash` of a trail's first entry: there is nothing before it.
 *
 * @example
 * trail[0].prevHash === GENESIS_HASH; // true
 */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * sha256 (hex) of the canonical JSON of an entry without its `hash`. `seq` and `prevHash` are
 * part of what is hashed, so an entry cannot be renumbered or relinked without it showing.
 *
 * @example
 * hashEntry({ ...entry, hash: 'anything' }) === entry.hash; // true for an intact entry
 */
export function hashEntry(entry: Omit<AuditEntry, 'hash'> & { readonly hash?: unknown }): string {
  const { hash: _ignored, ...content } = entry;
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/**
 * Numbers entries from 1 and links each to the one before: the first `prevHash` is 64 zeros,
 * every later one the previous entry's `hash`.
 *
 * @example
 * const trail = chainEntries([kickoff, submit]);
 * trail[1].prevHash === trail[0].hash; // true
 */
export function chainEntries(unchained: readonly UnchainedAuditEntry[]): AuditEntry[] {
  return extendChain([], unchained);
}

/**
 * Appends entries to a chained trail, numbering on from its last entry and linking to its hash;
 * the entries already there are kept as they are.
 *
 * @example
 * const longer = extendChain(archived.trail, laterDenials.map(describeDenial));
 * longer[archived.trail.length].prevHash === archived.lastHash; // true
 */
export function extendChain(
  trail: readonly AuditEntry[],
  unchained: readonly UnchainedAuditEntry[],
): AuditEntry[] {
  const chained: AuditEntry[] = [...trail];
  let prevHash = trail[trail.length - 1]?.hash ?? GENESIS_HASH;
  for (const [index, draft] of unchained.entries()) {
    const unsealed = { ...draft, seq: trail.length + index + 1, prevHash };
    const entry: AuditEntry = { ...unsealed, hash: hashEntry(unsealed) };
    chained.push(entry);
    prevHash = entry.hash;
  }
  return chained;
}

/**
 * What a trail's last entry is known to be, from somewhere the trail's holder cannot change (the
 * archive, a hash published when the project closed). Without it, cutting entries off the end
 * of a trail leaves a shorter chain that is intact.
 *
 * @example
 * verifyTrail(copy, { lastHash: archived.lastHash, entries: archived.entries });
 */
export interface TrailAnchor {
  readonly lastHash: string;
  readonly entries?: number;
}

/**
 * The outcome of {@link verifyTrail}.
 *
 * @example
 * const result: TrailVerification = verifyTrail(trail);
 * if (!result.ok) console.log(`TAMPERED: ${result.detail}`);
 */
export type TrailVerification =
  | { readonly ok: true; readonly entries: number; readonly lastHash: string }
  | {
      readonly ok: false;
      readonly entries: number;
      /** The first position (1-based) at which the trail differs from an intact one. */
      readonly firstBadSeq: number;
      readonly problem: TamperKind;
      readonly detail: string;
    };

/**
 * Checks a trail's hash chain and says what was done to it at the first place it breaks: an
 * entry `changed` (its hash does not match its content, or a recomputed hash no longer matches
 * the next entry's link), `removed` (a gap in `seq` that the links confirm), `reordered`
 * (entries present but out of order) or `inserted` (an entry that is not part of the chain).
 * With an `anchor` it also catches entries cut off or appended at the end.
 *
 * @example
 * verifyTrail(trail); // => { ok: true, entries: 42, lastHash: '3fa8…' }
 * verifyTrail(trail.filter((e) => e.seq !== 7));
 * // => { ok: false, entries: 41, firstBadSeq: 7, problem: 'removed', detail: 'entry 7 was removed: …' }
 */
export function verifyTrail(entries: readonly AuditEntry[], anchor?: TrailAnchor): TrailVerification {
  const found = findChainBreak(entries, hashEntry, GENESIS_HASH);
  if (found) return { ok: false, entries: entries.length, ...found };
  const lastHash = entries[entries.length - 1]?.hash ?? GENESIS_HASH;
  const anchored = anchor ? checkAnchor(entries, lastHash, anchor) : undefined;
  if (anchored) return { ok: false, entries: entries.length, ...anchored };
  return { ok: true, entries: entries.length, lastHash };
}
