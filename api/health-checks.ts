import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { SopCatalogue } from './catalogue';
import type { HealthReport } from './deps';

/**
 * What {@link createHealthCheck} looks at. The worker is checked by a local probe when this process
 * runs it (`npm start`), else by asking Temporal whether anyone polls `taskQueue`; without either,
 * not at all (`npm run api` against a cluster whose workers run elsewhere).
 */
export interface HealthCheckOptions {
  readonly client: Client;
  readonly catalogue: SopCatalogue;
  readonly namespace?: string;
  readonly taskQueue?: string;
  /** Present when this process runs the worker: is it running? */
  readonly worker?: () => boolean;
  /** The HTTP server, once it exists: the API counts as ready only while it listens. */
  readonly server?: () => Server | undefined;
  /** Each probe's deadline (default 3 s): a health check must answer fast, even when unwell. */
  readonly timeoutMs?: number;
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A ready-made `ApiDeps.health`: Temporal answers, a worker polls the projects' task queue, and
 * the catalogue has at least one SOP. A failing check reports why, as a string.
 *
 * @example
 * createApp({ …, health: createHealthCheck({ client, catalogue, namespace, taskQueue }) });
 */
export function createHealthCheck(options: HealthCheckOptions): () => Promise<HealthReport> {
  const { client, catalogue, namespace, taskQueue } = options;
  const timeoutMs = options.timeoutMs ?? 3000;
  return async () => {
    const checks: Record<string, boolean | string> = {};
    const deadline = Date.now() + timeoutMs;
    try {
      await client.withDeadline(deadline, () => client.workflowService.getSystemInfo({}));
      checks.temporal = true;
    } catch (error) {
      checks.temporal = `Temporal does not answer: ${describeFailure(error)}`;
    }
    if (options.worker) {
      checks.worker = options.worker() ? true : 'not running';
    } else if (checks.temporal === true && namespace !== undefined && taskQueue !== undefined) {
      try {
        const queue = await client.withDeadline(deadline, () =>
          client.workflowService.describeTaskQueue({
            namespace,
            taskQueue: { name: taskQueue },
            taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
          }),
        );
        checks.worker =
          (queue.pollers?.length ?? 0) > 0 || `no worker has polled task queue '${taskQueue}' recently`;
      } catch (error) {
        checks.worker = `cannot describe task queue '${taskQueue}': ${describeFailure(error)}`;
      }
    }
    if (options.server) checks.api = options.server()?.listening === true ? true : 'not listening';
    const sops = catalogue.list().length;
    checks.catalogue = sops > 0 || `no valid SOP in '${catalogue.dir}' (see the catalogue's problems)`;
    return { ok: Object.values(checks).every((value) => value === true), checks };
  };
}
