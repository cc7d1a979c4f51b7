import type { Client } from '@temporalio/client';
import type { OrgDirectory } from '../engine/model/org';
import type { SopCatalogue } from './catalogue';

/** What `GET /healthz` reports: `ok` decides 200 or 503; `checks` says which part is unwell. */
export interface HealthReport {
  readonly ok: boolean;
  readonly checks: Record<string, boolean | string>;
}

/** Everything the API needs from outside; tests pass real ones, `server/` wires production ones. */
export interface ApiDeps {
  /** A Temporal client connected to the namespace the projects run in. */
  readonly client: Client;
  readonly catalogue: SopCatalogue;
  /** The org directory participants resolve against at kickoff (pinned into each project). */
  readonly org: OrgDirectory;
  readonly namespace: string;
  /** The task queue the project workers poll. */
  readonly taskQueue: string;
  readonly health: () => Promise<HealthReport>;
  /** Where unexpected errors are logged (default: console.error). */
  readonly log?: (message: string, error: unknown) => void;
  /** Largest accepted JSON body (default `256kb`). */
  readonly bodyLimit?: string;
  /** How long a call to Temporal may take before the API answers 503 (default 30 s). */
  readonly temporalTimeoutMs?: number;
}
