import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { createApp } from '../api/app';
import { loadSopCatalogue, type SopCatalogue } from '../api/catalogue';
import { loadOrgDirectory } from '../engine/loader';
import type { OrgDirectory } from '../engine/model/org';
import { formatProblem, hasErrors } from '../engine/model/problem';
import type { ServerConfig } from './config';
import { createHealthCheck } from '../api/health-checks';
import { hasCredentials, type AuthConfig } from '../api/auth/auth-config';
import { createCredentialCheck } from '../api/auth/credentials';
import { createLogger } from '../api/http';
import { startArchiver } from '../api/audit/archiver';
import type { ApiDeps } from '../api/deps';
import { openAuditStore } from '../audit/store';
import { createMetrics } from '../kpis/metrics';
import { devSecretFile, ensureDevSecret } from '../api/auth/dev-secret';
import { closeHttpServer, listen } from './http-server';

/** The HTTP API, listening. */
export interface RunningApi {
  readonly server: Server;
  readonly url: string;
  /** Stops accepting connections and waits for in-flight requests (forcing them after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

/** Loads `org.yaml`; its problems (with line and column) stop the start-up. */
export function loadOrg(sopDefinitionsDir: string): OrgDirectory {
  const file = join(sopDefinitionsDir, 'org.yaml');
  const { org, problems } = loadOrgDirectory(file);
  if (!org) {
    throw new Error(
      `[ORG_DIRECTORY] ${file} cannot be used (set SOP_DEFINITIONS_DIR to the folder that holds org.yaml):\n` +
        problems.map(formatProblem).join('\n'),
    );
  }
  return org;
}

/**
 * A file with errors is left out of the catalogue rather than stopping the server (the other SOPs
 * still work), so say loudly which ones, with line and column; no SOP at all is fatal.
 */
function reportCatalogue(catalogue: SopCatalogue): void {
  if (catalogue.problems.length > 0) {
    const errors = hasErrors(catalogue.problems);
    console.warn(
      `${errors ? 'Some SOP files were left out' : 'SOP warnings'} (${catalogue.dir}):\n` +
        catalogue.problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
  }
  if (catalogue.list().length === 0) {
    throw new Error(
      `[NO_SOPS] No valid SOP in ${catalogue.dir}: fix the files above or set SOP_DEFINITIONS_DIR.`,
    );
  }
}

export interface ApiOptions {
  readonly config: ServerConfig;
  readonly client: Client;
  /** Present when this process also runs the worker; health then checks it too. */
  readonly workerRunning?: () => boolean;
}

/**
 * The configured credentials, or (embedded development set-up with none configured) the
 * development HS256 secret in DATA_DIR, announced so people know how to get a token.
 */
function authFor(config: ServerConfig): AuthConfig {
  if (hasCredentials(config.auth)) return config.auth;
  const secret = ensureDevSecret(config.dataDir);
  console.log(
    `Auth: no credentials configured, so the API accepts JWTs signed with the development secret in ${devSecretFile(config.dataDir)}.\n` +
      '      Get a token with `npx sop token <user-id>` (e.g. `npx sop token he.yun`).',
  );
  return { apiKeys: [], jwt: { secret, audience: 'sop-engine', rolesClaim: 'roles' } };
}

/**
 * Builds the Express app from the SOP catalogue and org directory and listens on `HOST:PORT`.
 */
export async function startApi({ config, client, workerRunning }: ApiOptions): Promise<RunningApi> {
  const catalogue = loadSopCatalogue(config.sopDefinitionsDir);
  reportCatalogue(catalogue);
  const org = loadOrg(config.sopDefinitionsDir);
  // The health check reads `server`, assigned below: it only runs once a request arrives.
  const health = createHealthCheck({
    client,
    catalogue,
    server: () => server,
    ...(workerRunning ? { worker: workerRunning } : {}),
  });
  const logger = createLogger({ level: config.http.logLevel });
  const audit = await openAuditStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    sqliteFile: config.auditFile,
  });
  logger.info(
    { store: audit.kind, file: audit.kind === 'sqlite' ? config.auditFile : undefined },
    'audit store open',
  );
  const deps: ApiDeps = {
    client,
    catalogue,
    org,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    health,
    authenticate: await createCredentialCheck(authFor(config)),
    audit,
    metrics: createMetrics(),
    http: config.http,
    logger,
  };
  const server = await listen(createApp(deps), config.host, config.port);
  const archiver = startArchiver(deps, logger);
  return {
    server,
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`,
    async stop(timeoutMs) {
      // In-flight requests finish first; then the archiver and the store they may still use.
      await closeHttpServer(server, timeoutMs);
      await archiver.stop();
      await audit.close();
    },
  };
}
