import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import type { HealthReport } from '../api/deps';

export interface HealthSources {
  readonly client: Client;
  /** The HTTP server, once it exists (the check runs inside it, but may race a shutdown). */
  readonly server: () => Server | undefined;
  /** Present when this process runs a worker (`npm start`, not `npm run api`). */
  readonly worker?: () => boolean;
  /** How many SOPs the catalogue holds: none means every kickoff would fail. */
  readonly sopCount?: () => number;
  /** How long Temporal may take to answer before it counts as unreachable (default 2 s). */
  readonly timeoutMs?: number;
}

/** Asks Temporal for its system info with a deadline; `true` or the reason it failed. */
async function checkTemporal(client: Client, timeoutMs: number): Promise<boolean | string> {
  try {
    await client.withDeadline(Date.now() + timeoutMs, () => client.workflowService.getSystemInfo({}));
    return true;
  } catch (error) {
    return `unreachable: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Builds the health function handed to `createApp`: Temporal reachable, worker running (when this
 * process has one), API listening, and (when given) at least one SOP loaded. A failing check is a
 * string saying why; `ok` only when all are `true`.
 *
 * @example
 * ```ts
 * const health = createHealthCheck({ client, server: () => httpServer, worker: () => running.isRunning() });
 * await health(); // { ok: true, checks: { temporal: true, worker: true, api: true } }
 * ```
 */
export function createHealthCheck(sources: HealthSources): () => Promise<HealthReport> {
  return async () => {
    const checks: Record<string, boolean | string> = {
      temporal: await checkTemporal(sources.client, sources.timeoutMs ?? 2_000),
    };
    if (sources.worker) checks.worker = sources.worker() ? true : 'not running';
    checks.api = sources.server()?.listening === true ? true : 'not listening';
    if (sources.sopCount) checks.catalogue = sources.sopCount() > 0 ? true : 'no valid SOP loaded';
    return { ok: Object.values(checks).every((value) => value === true), checks };
  };
}
