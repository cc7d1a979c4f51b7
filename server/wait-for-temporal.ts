import { Connection } from '@temporalio/client';
import { delay } from './process-tools';

export interface WaitOptions {
  readonly address: string;
  readonly namespace: string;
  /** Give up after this long (default 60 s: a cold dev server with a large SQLite file is slow). */
  readonly timeoutMs?: number;
  /** Stop waiting early when this says the server is gone (e.g. the child process died). */
  readonly stillStarting?: () => string | undefined;
}

/**
 * Polls until Temporal answers for `namespace` and returns the open connection. Answering on the
 * port is not enough: the frontend accepts calls a moment before the namespace is loaded, and a
 * worker started in that window logs namespace-not-found errors.
 */
export async function waitForTemporal(options: WaitOptions): Promise<Connection> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let lastError: unknown;
  for (;;) {
    const gone = options.stillStarting?.();
    if (gone !== undefined) throw new Error(gone);
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address: options.address, connectTimeout: 1_000 });
      await connection.workflowService.describeNamespace({ namespace: options.namespace });
      return connection;
    } catch (error) {
      lastError = error;
      await connection?.close();
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(
        `[TEMPORAL_NOT_READY] Temporal at ${options.address} did not become ready for namespace ` +
          `'${options.namespace}' within ${Math.round((options.timeoutMs ?? 60_000) / 1000)} s: ${reason}`,
      );
    }
    await delay(250);
  }
}
