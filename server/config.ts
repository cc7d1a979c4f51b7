/**
 * The server's configuration, read once from the environment at start-up. Every variable has a
 * default that works on a laptop; a bad value stops the process before anything starts, with a
 * message naming the variable (see docs/running.md for the full list).
 */
import { join } from 'node:path';
import { hasCredentials, readAuthConfig, type AuthConfig } from '../api/auth/auth-config';
import { HardeningConfigError, parseHttpHardening, type HttpHardening } from '../api/http';
import { EnvReader, parseRetention } from './env-values';

/** How the worker and the API reach Temporal when it runs elsewhere (`TEMPORAL_ADDRESS` set). */
export interface TemporalTlsConfig {
  /** Client certificate and key files for mutual TLS (both or neither). */
  readonly certFile?: string;
  readonly keyFile?: string;
  /** The CA that signed the server's certificate, when the system's CAs do not know it. */
  readonly caFile?: string;
  /** The name to check the server's certificate against (SNI), when it differs from the host. */
  readonly serverName?: string;
}

export interface TemporalConfig {
  /** `host:port` of the frontend; undefined means "start the embedded dev server". */
  readonly address?: string;
  readonly namespace: string;
  readonly taskQueue: string;
  /** Set when the connection uses TLS (any TLS variable, or an API key, turns it on). */
  readonly tls?: TemporalTlsConfig;
  readonly apiKey?: string;
  /** Embedded mode only: the dev server's gRPC and web UI ports on 127.0.0.1. */
  readonly port: number;
  readonly uiPort: number;
}

export interface ServerConfig {
  /** The HTTP API. */
  readonly host: string;
  readonly port: number;
  /** Absolute; holds the embedded server's SQLite file and log. */
  readonly dataDir: string;
  /** Absolute; the SOP YAML files, `org.yaml` and `calendars/`. */
  readonly sopDefinitionsDir: string;
  /** Absolute; the notification channels (`SOP_CHANNELS_FILE`, else `notifications/channels.yaml` in the SOP folder). */
  readonly channelsFile: string;
  /** True when `SOP_CHANNELS_FILE` named the file; otherwise a missing file means "log only". */
  readonly channelsFileRequired: boolean;
  /** How long closed projects stay in the embedded namespace, in seconds, and as written. */
  readonly retentionSeconds: number;
  readonly retention: string;
  readonly temporal: TemporalConfig;
  /** API keys and JWT settings; empty in embedded mode means "use the development secret". */
  readonly auth: AuthConfig;
  /** PostgreSQL for the audit archive and denial log; the SQLite file below when unset. */
  readonly databaseUrl?: string;
  /** Absolute; the SQLite audit store (`DATA_DIR/audit.sqlite`). */
  readonly auditFile: string;
  /** Body and rate limits, CORS, HSTS, trust proxy, log level (docs/hardening.md). */
  readonly http: HttpHardening;
}

function readHardening(env: NodeJS.ProcessEnv, problems: string[]): HttpHardening {
  try {
    return parseHttpHardening(env);
  } catch (error) {
    if (!(error instanceof HardeningConfigError)) throw error;
    problems.push(...error.problems);
    return parseHttpHardening({});
  }
}

/** A configuration that cannot work; the message lists every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(
      `[CONFIG] Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee docs/running.md.`,
    );
  }
}

/** The defaults, exported for the docs test and for messages. */
export const DEFAULTS = {
  PORT: 3000,
  HOST: '127.0.0.1',
  DATA_DIR: './data',
  TEMPORAL_NAMESPACE: 'default',
  TEMPORAL_TASK_QUEUE: 'sop-projects',
  TEMPORAL_PORT: 7233,
  TEMPORAL_UI_PORT: 8233,
  SOP_DEFINITIONS_DIR: 'sop-definitions',
  SOP_RETENTION: '30d',
} as const;

const ADDRESS = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):\d{1,5}$/i;
const NAMESPACE = /^[a-z0-9][a-z0-9._-]{0,254}$/i;
const TASK_QUEUE = /^[^\s]{1,1000}$/;
const HOST = /^(\[[0-9a-f:.]+\]|[0-9a-f:.]+|[a-z0-9.-]+)$/i;

function readTls(env: EnvReader): TemporalTlsConfig | undefined {
  const certFile = env.readFile('TEMPORAL_TLS_CERT');
  const keyFile = env.readFile('TEMPORAL_TLS_KEY');
  const caFile = env.readFile('TEMPORAL_TLS_CA');
  const serverName = env.read('TEMPORAL_TLS_SERVER_NAME');
  const enabled = env.readSwitch('TEMPORAL_TLS');
  if ((env.read('TEMPORAL_TLS_CERT') === undefined) !== (env.read('TEMPORAL_TLS_KEY') === undefined)) {
    const missing = env.read('TEMPORAL_TLS_CERT') === undefined ? 'TEMPORAL_TLS_CERT' : 'TEMPORAL_TLS_KEY';
    env.reject(missing, 'mutual TLS needs both TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY');
  }
  const any = [certFile, keyFile, caFile, serverName].some((v) => v !== undefined);
  if (enabled === false && any)
    env.reject('TEMPORAL_TLS', 'is false but other TEMPORAL_TLS_* variables are set');
  if (!any && enabled !== true && env.read('TEMPORAL_API_KEY') === undefined) return undefined;
  return {
    ...(certFile ? { certFile } : {}),
    ...(keyFile ? { keyFile } : {}),
    ...(caFile ? { caFile } : {}),
    ...(serverName ? { serverName } : {}),
  };
}

function readTemporal(env: EnvReader): TemporalConfig {
  const address = env.readOptionalMatching(
    'TEMPORAL_ADDRESS',
    ADDRESS,
    'host:port, e.g. temporal.internal:7233',
  );
  const tls = readTls(env);
  const apiKey = env.read('TEMPORAL_API_KEY');
  const port = env.readPort('TEMPORAL_PORT', DEFAULTS.TEMPORAL_PORT);
  const uiPort = env.readPort('TEMPORAL_UI_PORT', DEFAULTS.TEMPORAL_UI_PORT);
  if (env.read('TEMPORAL_ADDRESS') === undefined) {
    // The embedded dev server speaks plain gRPC on loopback; TLS settings there are a mistake.
    if (tls) env.reject('TEMPORAL_ADDRESS', 'is unset (embedded server) but TLS or TEMPORAL_API_KEY is set');
    if (port === uiPort) env.reject('TEMPORAL_UI_PORT', `must differ from TEMPORAL_PORT (${port})`);
  }
  return {
    ...(address ? { address } : {}),
    namespace: env.readMatching(
      'TEMPORAL_NAMESPACE',
      DEFAULTS.TEMPORAL_NAMESPACE,
      NAMESPACE,
      'a namespace name: letters, digits, ".", "_" or "-"',
    ),
    taskQueue: env.readMatching(
      'TEMPORAL_TASK_QUEUE',
      DEFAULTS.TEMPORAL_TASK_QUEUE,
      TASK_QUEUE,
      'a task queue name without spaces',
    ),
    ...(tls ? { tls } : {}),
    ...(apiKey ? { apiKey } : {}),
    port,
    uiPort,
  };
}

/**
 * Reads the configuration from `env`, throwing a {@link ConfigError} that lists every bad value.
 *
 * @example
 * ```ts
 * loadConfig({ PORT: '8080' }).port; // 8080
 * loadConfig({ PORT: 'abc' }); // throws: PORT="abc": must be a port number from 1 to 65535, e.g. 3000
 * ```
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ServerConfig {
  const reader = new EnvReader(env, cwd);
  const port = reader.readPort('PORT', DEFAULTS.PORT);
  const host = reader.readMatching('HOST', DEFAULTS.HOST, HOST, 'an IP address or host name, e.g. 127.0.0.1');
  const dataDir = reader.readDirectory('DATA_DIR', DEFAULTS.DATA_DIR, false);
  const sopDefinitionsDir = reader.readDirectory('SOP_DEFINITIONS_DIR', DEFAULTS.SOP_DEFINITIONS_DIR, true);
  const channelsFile = reader.readFile('SOP_CHANNELS_FILE');
  const retention = reader.read('SOP_RETENTION') ?? DEFAULTS.SOP_RETENTION;
  const retentionSeconds = parseRetention(retention);
  if (typeof retentionSeconds === 'string') reader.reject('SOP_RETENTION', retentionSeconds);
  const temporal = readTemporal(reader);
  if (!temporal.address && [temporal.port, temporal.uiPort].includes(port)) {
    reader.reject(
      'PORT',
      `must differ from TEMPORAL_PORT (${temporal.port}) and TEMPORAL_UI_PORT (${temporal.uiPort})`,
    );
  }
  const http = readHardening(env, reader.problems);
  const auth = readAuthConfig(env);
  reader.problems.push(...auth.problems);
  if (temporal.address && !hasCredentials(auth.config)) {
    reader.problems.push(
      'no API credentials: set SOP_API_KEYS (user=key,…) and/or SOP_JWT_SECRET or SOP_JWT_PUBLIC_KEY(_FILE); only the embedded development set-up (TEMPORAL_ADDRESS unset) makes its own',
    );
  }
  const databaseUrl = reader.readOptionalMatching(
    'DATABASE_URL',
    /^postgres(ql)?:\/\/\S+$/,
    'a PostgreSQL connection string, e.g. postgresql://sop:secret@db.internal:5432/sop',
  );
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  return {
    host,
    port,
    dataDir,
    sopDefinitionsDir,
    channelsFile: channelsFile ?? join(sopDefinitionsDir, 'notifications', 'channels.yaml'),
    channelsFileRequired: channelsFile !== undefined,
    retention,
    retentionSeconds: retentionSeconds as number,
    temporal,
    auth: auth.config,
    ...(databaseUrl ? { databaseUrl } : {}),
    auditFile: join(dataDir, 'audit.sqlite'),
    http,
  };
}

/** True when `npm start` should run its own Temporal dev server. */
export function isEmbedded(config: ServerConfig): boolean {
  return config.temporal.address === undefined;
}

/** The address the worker and API connect to: the cluster's, or the embedded server's on loopback. */
export function temporalAddress(config: ServerConfig): string {
  return config.temporal.address ?? `127.0.0.1:${config.temporal.port}`;
}
