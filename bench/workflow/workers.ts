/**
 * The benchmark's workers: one per implementation, each with its own task queue and a bundle of
 * its own workflows only (see workflows.ts), all in this process and polling for the whole run,
 * so every pass has the same neighbours.
 */
import { bundleWorkflowCode, Worker, type NativeConnection } from '@temporalio/worker';
import { createActivities } from '../../workflows/activities/deliver-effect';
import type { Implementation } from './implementations';

/** Notifications go nowhere: the benchmark measures the workflows, not a notification channel. */
export const discard = { deliver: () => Promise.resolve() };

const silent = () => undefined;
const bundlerLogger = {
  log: silent,
  trace: silent,
  debug: silent,
  info: silent,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

/** Bundling takes seconds: implementations with the same entry share one bundle. */
const bundles = new Map<string, ReturnType<typeof bundleWorkflowCode>>();

/** The bundle of an implementation's workflows, built once per entry. */
export function bundleFor(implementation: Implementation): ReturnType<typeof bundleWorkflowCode> {
  const entry = implementation.workflowsPath;
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = bundleWorkflowCode({ workflowsPath: entry, logger: bundlerLogger });
    bundles.set(entry, bundle);
  }
  return bundle;
}

export async function createWorker(
  connection: NativeConnection,
  implementation: Implementation,
): Promise<Worker> {
  const workflowBundle = await bundleFor(implementation);
  return Worker.create({
    connection,
    taskQueue: implementation.taskQueue,
    workflowBundle,
    activities: createActivities(discard),
  });
}

/** Runs every worker until `work` settles, and returns what it returns. */
export async function runWorkersUntil<T>(workers: readonly Worker[], work: Promise<T>): Promise<T> {
  await Promise.all(workers.map((worker) => worker.runUntil(work)));
  return work;
}
