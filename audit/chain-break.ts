import type { AuditEntry } from './audit-entry';

/**
 * What was done to a trail.
 *
 * @example
 * if (!result.ok && result.problem === 'removed') alertAuditors(result.detail);
 */
export type TamperKind = 'changed' | 'removed' | 'reordered' | 'inserted';

/**
 * Where a trail breaks and why, in words for the person who checks it.
 *
 * @example
 * const found: ChainBreak = { firstBadSeq: 7, problem: 'changed', detail: 'entry 7 was changed: …' };
 */
export interface ChainBreak {
  readonly firstBadSeq: number;
  readonly problem: TamperKind;
  readonly detail: string;
}

type HashOf = (entry: AuditEntry) => string;

/** The trail and what intact means for it. */
interface Chain {
  readonly entries: readonly AuditEntry[];
  readonly hashOf: HashOf;
  readonly genesis: string;
}

/** The hash an entry at `index` must link to. */
function linkAt(chain: Chain, index: number): string {
  return index === 0 ? chain.genesis : (chain.entries[index - 1]?.hash ?? chain.genesis);
}

function contentIntact(chain: Chain, entry: AuditEntry): boolean {
  return chain.hashOf(entry) === entry.hash;
}

/** True when `entry` is exactly what an intact chain holds at `index`, after `prev`. */
function fitsAt(chain: Chain, entry: AuditEntry, index: number, prev: string): boolean {
  return entry.seq === index + 1 && entry.prevHash === prev && contentIntact(chain, entry);
}

/**
 * True when every entry is intact on its own and the seqs are exactly 1…n: the entries are the
 * original ones and only their order can be wrong. A swap of neighbours would otherwise look
 * like an insertion (the entry after the first swapped one fits its place).
 */
function onlyOrderCanBeWrong(chain: Chain): boolean {
  const seqs = new Set(chain.entries.map((e) => e.seq));
  const n = chain.entries.length;
  return (
    seqs.size === n &&
    chain.entries.every((e) => Number.isInteger(e.seq) && e.seq >= 1 && e.seq <= n) &&
    chain.entries.every((e) => contentIntact(chain, e))
  );
}

function insertedAt(position: number, why: string): ChainBreak {
  return {
    firstBadSeq: position,
    problem: 'inserted',
    detail: `an entry was inserted at position ${position}: ${why}`,
  };
}

/** An entry that does not belong: the entry after it fits its place exactly. */
function foreignEntry(chain: Chain, index: number): ChainBreak | undefined {
  const next = chain.entries[index + 1];
  if (!next || onlyOrderCanBeWrong(chain) || !fitsAt(chain, next, index, linkAt(chain, index)))
    return undefined;
  const entry = chain.entries[index];
  return insertedAt(
    index + 1,
    `it claims seq ${String(entry?.seq)} but is not part of the chain; entry ${index + 1} after it links straight to ${index === 0 ? 'the start of the chain' : `entry ${index}`}`,
  );
}

/** Two entries claim one seq: the original is the one whose link skips the other. */
function duplicateSeq(chain: Chain, index: number): ChainBreak | undefined {
  const entry = chain.entries[index];
  if (!entry) return undefined;
  const earlier = chain.entries.findIndex((e, i) => i < index && e.seq === entry.seq);
  if (earlier < 0) return undefined;
  const previous = chain.entries[index - 1];
  if (
    earlier === index - 1 &&
    previous &&
    entry.prevHash === linkAt(chain, index - 1) &&
    contentIntact(chain, entry)
  ) {
    return insertedAt(
      index,
      `the entries at positions ${index} and ${index + 1} both claim seq ${entry.seq}; the second is the original (it links to ${index - 1 === 0 ? 'the start of the chain' : `entry ${index - 1}`}), so the first was added`,
    );
  }
  return insertedAt(
    index + 1,
    `it repeats seq ${entry.seq}, which the entry at position ${earlier + 1} already has, and does not link to entry ${index}`,
  );
}

/** A seq further on than expected: entries moved (the expected one is later) or removed. */
function skippedSeq(chain: Chain, index: number, entry: AuditEntry): ChainBreak {
  const expected = index + 1;
  const after = index === 0 ? 'at the start of the trail' : `after entry ${index}`;
  const movedTo = chain.entries.findIndex((e, i) => i > index && e.seq === expected);
  if (movedTo >= 0) {
    return {
      firstBadSeq: expected,
      problem: 'reordered',
      detail: `entries are out of order: entry ${entry.seq} stands where entry ${expected} belongs (${after}); entry ${expected} is at position ${movedTo + 1}`,
    };
  }
  // No entry carries the expected seq: everything from it up to this entry's seq is gone.
  const which =
    entry.seq === expected + 1
      ? `entry ${expected} was removed`
      : `entries ${expected} to ${entry.seq - 1} were removed`;
  return {
    firstBadSeq: expected,
    problem: 'removed',
    detail: `${which}: entry ${entry.seq} comes ${after}, and its prevHash ${entry.prevHash} points to an entry that is no longer in the trail`,
  };
}

/** Right seq, but the hash or the link is wrong. */
function changedEntry(chain: Chain, index: number, entry: AuditEntry): ChainBreak {
  const computed = chain.hashOf(entry);
  const prev = linkAt(chain, index);
  if (computed !== entry.hash) {
    const relinked = entry.prevHash === prev ? '' : `; its prevHash does not point to entry ${index} either`;
    return {
      firstBadSeq: entry.seq,
      problem: 'changed',
      detail: `entry ${entry.seq} was changed: its hash does not match its content (expected ${computed}, stored ${entry.hash})${relinked}`,
    };
  }
  if (index === 0) {
    return {
      firstBadSeq: 1,
      problem: 'changed',
      detail: `entry 1 was changed: its prevHash must be 64 zeros (the start of a chain) but is ${entry.prevHash}, and its hash was recomputed to match`,
    };
  }
  return {
    firstBadSeq: index,
    problem: 'changed',
    detail: `entry ${index} was changed and its hash recomputed to hide it: entry ${entry.seq}'s prevHash ${entry.prevHash} still points to the original entry ${index}, whose hash is now ${prev}`,
  };
}

function classify(chain: Chain, index: number): ChainBreak {
  const entry = chain.entries[index] as AuditEntry;
  const expected = index + 1;
  const found = foreignEntry(chain, index) ?? duplicateSeq(chain, index);
  if (found) return found;
  if (entry.seq > expected) return skippedSeq(chain, index, entry);
  if (entry.seq !== expected) {
    return {
      firstBadSeq: expected,
      problem: 'reordered',
      detail: `entries are out of order: entry ${String(entry.seq)} stands at position ${expected}, after entry ${index}`,
    };
  }
  return changedEntry(chain, index, entry);
}

/**
 * Finds the first entry that is not what an intact chain holds at its place and says what was
 * done there, or returns `undefined` for an intact chain.
 *
 * @example
 * findChainBreak(trail, hashEntry, GENESIS_HASH); // => undefined, or { firstBadSeq: 7, problem: 'changed', detail: … }
 */
export function findChainBreak(
  entries: readonly AuditEntry[],
  hashOf: HashOf,
  genesis: string,
): ChainBreak | undefined {
  const chain: Chain = { entries, hashOf, genesis };
  for (const [index, entry] of entries.entries()) {
    if (!fitsAt(chain, entry, index, linkAt(chain, index))) return classify(chain, index);
  }
  return undefined;
}

/**
 * Compares an intact chain with what its end is known to be: catches entries cut off the end,
 * entries appended after the archived last one, and a chain rewritten with every hash
 * recomputed. `undefined` when the trail ends where the anchor says.
 *
 * @example
 * checkAnchor(trail.slice(0, -2), trail[39].hash, { lastHash: archived.lastHash, entries: 42 });
 * // => { firstBadSeq: 41, problem: 'removed', detail: 'the trail ends at entry 40, but …' }
 */
export function checkAnchor(
  entries: readonly AuditEntry[],
  lastHash: string,
  anchor: { readonly lastHash: string; readonly entries?: number },
): ChainBreak | undefined {
  const n = entries.length;
  if (lastHash === anchor.lastHash && (anchor.entries === undefined || anchor.entries === n))
    return undefined;
  const anchoredAt = entries.findIndex((e) => e.hash === anchor.lastHash);
  if (anchoredAt >= 0 && anchoredAt < n - 1) {
    const appended = anchoredAt + 2 === n ? `entry ${n} was` : `entries ${anchoredAt + 2} to ${n} were`;
    return insertedAt(
      anchoredAt + 2,
      `${appended} appended after entry ${anchoredAt + 1}, which is the last entry of the archived trail`,
    );
  }
  if (anchor.entries !== undefined && n < anchor.entries) {
    const removed =
      anchor.entries === n + 1 ? `entry ${n + 1} was` : `entries ${n + 1} to ${anchor.entries} were`;
    return {
      firstBadSeq: n + 1,
      problem: 'removed',
      detail: `the trail ends at entry ${n}, but the archived trail has ${anchor.entries} entries: ${removed} removed`,
    };
  }
  const how =
    anchor.entries === undefined
      ? 'entries were cut off the end, or changed with every hash after them recomputed'
      : 'entries were changed and every hash after them recomputed';
  return {
    firstBadSeq: Math.max(1, Math.min(n, anchor.entries ?? n)),
    problem: 'changed',
    detail: `the trail's last hash ${lastHash} is not the archived last hash ${anchor.lastHash}: ${how}`,
  };
}
