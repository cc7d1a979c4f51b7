/**
 * Connections to Temporal built from the configuration: the client's (API) and the native one
 * (worker) take the same address, TLS material and API key.
 */
import { readFileSync } from 'node:fs';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { temporalAddress, type ServerConfig } from './config';

/** What both `Connection.connect` and `NativeConnection.connect` accept. */
export interface TemporalConnectionOptions {
  readonly address: string;
  readonly tls?: TLSConfig;
  readonly apiKey?: string;
}

/** Reads the TLS files now, so a certificate that vanished fails at start-up with its path. */
function readTlsMaterial(config: ServerConfig): TLSConfig | undefined {
  const tls = config.temporal.tls;
  if (!tls) return undefined;
  return {
    ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
    ...(tls.caFile ? { serverRootCACertificate: readFileSync(tls.caFile) } : {}),
    ...(tls.certFile && tls.keyFile
      ? { clientCertPair: { crt: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } }
      : {}),
  };
}

/** The connection options for the configured Temporal (embedded or cluster). */
export function buildConnectionOptions(config: ServerConfig): TemporalConnectionOptions {
  const tls = readTlsMaterial(config);
  return {
    address: temporalAddress(config),
    ...(tls ? { tls } : {}),
    ...(config.temporal.apiKey ? { apiKey: config.temporal.apiKey } : {}),
  };
}

/** Explains a failed connection in terms of the variables that control it. */
export function describeConnectionFailure(config: ServerConfig, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  const where = config.temporal.address
    ? `the Temporal cluster at TEMPORAL_ADDRESS=${config.temporal.address}` +
      ` (namespace ${config.temporal.namespace}${config.temporal.tls ? ', TLS' : ''})`
    : `the Temporal server at ${temporalAddress(config)} (is \`npm start\` running? ` +
      'or set TEMPORAL_ADDRESS to reach a cluster)';
  return new Error(`[TEMPORAL_UNREACHABLE] Cannot reach ${where}: ${reason}`, { cause: error });
}

/** A client bound to the namespace, and its connection (for operator calls and for closing it). */
export interface TemporalClient {
  readonly client: Client;
  readonly connection: Connection;
}

/** Connects the API's client, failing fast with a message that names the variables to check. */
export async function connectClient(config: ServerConfig): Promise<TemporalClient> {
  try {
    const connection = await Connection.connect({
      ...buildConnectionOptions(config),
      connectTimeout: 10_000,
    });
    return { client: new Client({ connection, namespace: config.temporal.namespace }), connection };
  } catch (error) {
    throw describeConnectionFailure(config, error);
  }
}

/** The worker's native connection. */
export async function connectWorker(config: ServerConfig): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect(buildConnectionOptions(config));
  } catch (error) {
    throw describeConnectionFailure(config, error);
  }
}
