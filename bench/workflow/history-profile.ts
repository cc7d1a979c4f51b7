/** What a finished project left in Temporal's history: how many events, of which types, how many bytes. */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface HistoryProfile {
  readonly events: number;
  /** Encoded size of the whole history (payloads included). */
  readonly bytes: number;
  /** Event type (e.g. TIMER_STARTED) → count. */
  readonly types: Record<string, number>;
}

export async function historyProfile(client: Client, workflowId: string): Promise<HistoryProfile> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const types: Record<string, number> = {};
  for (const event of history.events ?? []) {
    const name = (temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? 'UNKNOWN').replace(
      /^EVENT_TYPE_/,
      '',
    );
    types[name] = (types[name] ?? 0) + 1;
  }
  return {
    events: history.events?.length ?? 0,
    bytes: temporal.api.history.v1.History.encode(history).finish().length,
    types,
  };
}

/** Mean count of each event type per project over `profiles`. */
export function meanTypes(profiles: readonly HistoryProfile[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const profile of profiles)
    for (const [type, count] of Object.entries(profile.types)) totals[type] = (totals[type] ?? 0) + count;
  return Object.fromEntries(Object.entries(totals).map(([type, total]) => [type, total / profiles.length]));
}
