import type { HistoryEntry } from '../api/history/history-entry';
import type { AuditEntry, UnchainedAuditEntry } from './audit-entry';
import { canonicalJson } from './canonical-json';
import { assertDenialRecord, type DenialRecord } from './denial-record';
import { describeAction } from './describe-action';
import { describeDenial } from './describe-denial';
import { describeNotification, describeRecord, describeTimer } from './describe-engine';
import { describeCompleted, describeContinued, describeEnded, describeKickoff } from './describe-lifecycle';
import { chainEntries } from './hash-chain';
import { advanceState, initialTrailState, type TrailState } from './trail-state';

function describeEntry(projectId: string, entry: HistoryEntry, before: TrailState): UnchainedAuditEntry {
  switch (entry.kind) {
    case 'kickoff':
      return describeKickoff(projectId, entry);
    case 'action':
      return describeAction(entry, before);
    case 'timer':
      return describeTimer(entry, before);
    case 'notification':
      // A task-assigned notification is where the trail learns the task's title: name it here already.
      return describeNotification(entry, advanceState(before, entry));
    case 'record':
      return describeRecord(entry, before);
    case 'continued-as-new':
      return describeContinued(entry, before);
    case 'completed':
      return describeCompleted(entry, before);
    case 'ended':
      return describeEnded(entry, before);
  }
}

/** Every history entry described against the state the entries before it built up. */
function describeHistory(projectId: string, entries: readonly HistoryEntry[]): UnchainedAuditEntry[] {
  const drafts: UnchainedAuditEntry[] = [];
  let state = initialTrailState();
  for (const entry of entries) {
    drafts.push(describeEntry(projectId, entry, state));
    state = advanceState(state, entry);
  }
  return drafts;
}

function timeOf(draft: UnchainedAuditEntry): number {
  const time = Date.parse(draft.at);
  if (Number.isNaN(time)) {
    throw new TypeError(`audit entry "${draft.summary}" has no valid time: '${draft.at}' is not ISO 8601`);
  }
  return time;
}

/**
 * Denials by time; equal times by content, so the trail does not depend on the order a store
 * happens to return them in.
 */
function sortDenials(projectId: string, records: readonly DenialRecord[]): DenialRecord[] {
  for (const record of records) {
    assertDenialRecord(record);
    if (record.projectId !== projectId) {
      throw new RangeError(
        `denial record of project '${record.projectId}' passed to the trail of project '${projectId}'; pass only the project's own denials (store.listDenials('${projectId}'))`,
      );
    }
  }
  const keyed = records.map((record) => ({
    record,
    time: Date.parse(record.at),
    key: canonicalJson(record),
  }));
  keyed.sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.record);
}

/** History in its own order, each denial placed after every history entry at or before its time. */
function mergeByTime(
  history: readonly UnchainedAuditEntry[],
  denials: readonly UnchainedAuditEntry[],
): UnchainedAuditEntry[] {
  const merged: UnchainedAuditEntry[] = [];
  let next = 0;
  for (const entry of history) {
    const time = timeOf(entry);
    while (next < denials.length && timeOf(denials[next] as UnchainedAuditEntry) < time) {
      merged.push(denials[next] as UnchainedAuditEntry);
      next++;
    }
    merged.push(entry);
  }
  return [...merged, ...denials.slice(next)];
}

/**
 * A project's audit trail: every history entry as a business-readable entry (who, what, why,
 * what changed), the API's access denials merged in by time (history first on equal times),
 * numbered from 1 and hash-chained. Pure and deterministic: the same inputs always give the
 * same entries, byte for byte, so a trail rebuilt later verifies against an archived hash.
 *
 * @example
 * const { events } = await readProjectHistory(deps, id);
 * const trail = buildAuditTrail(id, events, await store.listDenials(id));
 * trail[0].summary; // => "Project project-3f2a started from SOP '新产品上市' (new-product-launch 1.0.0) …"
 */
export function buildAuditTrail(
  projectId: string,
  historyEntries: readonly HistoryEntry[],
  extra: readonly DenialRecord[] = [],
): AuditEntry[] {
  if (typeof projectId !== 'string' || projectId === '') {
    throw new TypeError("buildAuditTrail needs the project id, e.g. buildAuditTrail('project-3f2a', events)");
  }
  const history = describeHistory(projectId, historyEntries);
  const denials = sortDenials(projectId, extra).map(describeDenial);
  return chainEntries(mergeByTime(history, denials));
}
