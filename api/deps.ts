import type { Client } from '@temporalio/client';
import type { OrgDirectory } from '../engine/model/org';
import type { AuditStore } from '../audit/store';
import type { Metrics } from '../kpis/metrics';
import type { Claimed } from './auth/credentials';
import type { HttpHardening, Logger } from './http';
import type { SopCatalogue } from './catalogue';

/** What `GET /healthz` reports: `ok` decides 200 or 503; `checks` says which part is unwell. */
export interface HealthReport {
  readonly ok: boolean;
  readonly checks: Record<string, boolean | string>;
}

/** A refused access, as recorded for auditors (and merged into the project's audit trail). */
export interface AccessDenial {
  readonly at: string;
  /** Who the refused request acted as (the caller, or the user an integration relayed for). */
  readonly user: string;
  /** The integration account that relayed it, when `user` is someone else. */
  readonly via?: string;
  /** What was attempted, e.g. `project.cancel` or `approve`. */
  readonly action: string;
  readonly reason: string;
  /** ACCESS_DENIED (the API's policy), NOT_ALLOWED (the SOP's rules) or UNAUTHENTICATED. */
  readonly code: string;
  readonly rule?: string;
  readonly projectId?: string;
  readonly method: string;
  readonly path: string;
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
  /** Checks a bearer token or API key (see api/auth/credentials.ts). */
  readonly authenticate: (token: string) => Promise<Claimed>;
  /** Where refused accesses and the trails of closed projects are kept (SQLite or PostgreSQL). */
  readonly audit: AuditStore;
  /** Prometheus metrics of this API (`GET /metrics`); none are kept when absent. */
  readonly metrics?: Metrics;
  /** Where unexpected errors are logged (default: the request's logger, else `logger`). */
  readonly log?: (message: string, error: unknown) => void;
  /** Structured JSON logs (pino); silent when not given. */
  readonly logger?: Logger;
  /** Body limit, rate limits, CORS, HSTS, trust proxy (defaults: `parseHttpHardening({})`). */
  readonly http?: HttpHardening;
  /** How long a call to Temporal may take before the API answers 503 (default 30 s). */
  readonly temporalTimeoutMs?: number;
  /** Check every JSON answer against the OpenAPI document; `fail` turns a mismatch into a 500 (tests). */
  readonly validateResponses?: 'log' | 'fail';
}
