import type { AuditEntry } from '../../audit/audit-entry';

/** Where a copy of a trail departs from the reference copy, in words an auditor can act on. */
export interface TrailMismatch {
  readonly firstBadSeq: number;
  readonly problem: 'changed' | 'removed' | 'inserted';
  readonly detail: string;
}

/**
 * Compares a copy of a trail (an export, the archive) with the reference (the trail rebuilt from
 * Temporal's history) entry by entry, by hash. A copy that is a prefix of the reference is not a
 * mismatch: the project went on after the copy was made.
 *
 * @example
 * compareTrails(exported, rebuilt); // undefined, or { firstBadSeq: 7, problem: 'changed', detail: '…' }
 */
export function compareTrails(
  copy: readonly AuditEntry[],
  reference: readonly AuditEntry[],
  names: { readonly copy: string; readonly reference: string },
): TrailMismatch | undefined {
  for (let index = 0; index < copy.length; index++) {
    const theirs = copy[index]!;
    const ours = reference[index];
    if (!ours) {
      return {
        firstBadSeq: index + 1,
        problem: 'inserted',
        detail: `${names.copy} has ${copy.length} entries but ${names.reference} only ${reference.length}: entry ${index + 1} onwards is not in ${names.reference}`,
      };
    }
    if (theirs.hash !== ours.hash) {
      const problem = copy.slice(index).some((entry) => entry.hash === ours.hash)
        ? 'inserted'
        : reference.slice(index).some((entry) => entry.hash === theirs.hash)
          ? 'removed'
          : 'changed';
      return {
        firstBadSeq: index + 1,
        problem,
        detail: `entry ${index + 1} of ${names.copy} (${theirs.action} at ${theirs.at}) differs from ${names.reference} (${ours.action} at ${ours.at})`,
      };
    }
  }
  return undefined;
}
