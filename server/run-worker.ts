import { hostname } from 'node:os';
import type { NativeConnection, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { findChannelConfig } from '../notifications/config/find-channel-config';
import { ChannelConfigError } from '../notifications/config/channel-config-error';
import { createNotificationSink } from '../notifications/create-notification-sink';
import type { EffectSink } from '../workflows/activities/deliver-effect';
import { ConfigError, type ServerConfig } from './config';
import { loadOrg } from './run-api';
import type { Shutdown } from './shutdown';
import { connectWorker } from './temporal-connection';
import { bundleWorkflows, createProjectWorker } from './worker';

/** A worker polling the project task queue. */
export interface RunningWorker {
  readonly worker: Worker;
  /** Settles when the worker stops: after {@link RunningWorker.stop}, or on a fatal error. */
  readonly done: Promise<void>;
  /** True while it polls. */
  isRunning(): boolean;
  /** Stops polling, lets in-flight tasks finish, closes the connection. */
  stop(): Promise<void>;
}

/**
 * The worker's notification sink: the channels file (secrets read from the environment now, so
 * a missing one stops the start, naming it) and `org.yaml` (recipients' names and emails).
 */
export function loadNotificationSink(config: ServerConfig, env: NodeJS.ProcessEnv = process.env): EffectSink {
  try {
    const channels = findChannelConfig(config.channelsFile, config.channelsFileRequired, env);
    return createNotificationSink({ config: channels, org: loadOrg(config.sopDefinitionsDir) });
  } catch (error) {
    if (error instanceof ChannelConfigError) throw new ConfigError([error.message]);
    throw error;
  }
}

/**
 * Connects, bundles the workflow code (once: it takes seconds; pass `bundle` to start that early)
 * and starts polling. The identity names host and pid, so Temporal's UI shows which process ran
 * which task when several scale out. The notification sink is loaded first: a broken channels
 * file stops the start before anything connects.
 */
export async function startWorker(
  config: ServerConfig,
  bundle: Promise<WorkflowBundleWithSourceMap> = bundleWorkflows(),
  sink: EffectSink = loadNotificationSink(config),
): Promise<RunningWorker> {
  const [connection, workflowBundle] = await Promise.all([connectWorker(config), bundle]);
  let worker: Worker;
  try {
    worker = await createProjectWorker({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      workflowBundle,
      sink,
      identity: `sop-worker@${hostname()}:${process.pid}`,
    });
  } catch (error) {
    await connection.close();
    throw error;
  }
  const done = worker.run().finally(() => closeQuietly(connection));
  return {
    worker,
    done,
    isRunning: () => worker.getState() === 'RUNNING',
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}

async function closeQuietly(connection: NativeConnection): Promise<void> {
  try {
    await connection.close();
  } catch {
    // Already closed: nothing left to release.
  }
}

/**
 * A worker that ends on its own (a fatal error, or the SDK giving up) leaves projects unserved, so
 * the whole process stops with exit code 1 and the reason, for the service manager to restart it.
 */
export function stopWhenWorkerEnds(running: RunningWorker, shutdown: Shutdown): void {
  const onEnd = (error?: unknown) => {
    if (shutdown.isStopping()) return;
    const why =
      error === undefined
        ? 'without an error'
        : error instanceof Error
          ? error.message
          : JSON.stringify(error);
    void shutdown.stopAndExit(1, `[WORKER_FAILED] The worker stopped: ${why}`);
  };
  running.done.then(() => onEnd(), onEnd);
}
