import {
  bundleWorkflowCode,
  NativeConnection,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { createActivities, type EffectSink } from '../workflows/activities/deliver-effect';
import { DEFAULT_TASK_QUEUE } from '../workflows/messages';

/** The workflow entry file, from source (ts) or from dist (js), whichever this module runs as. */
export function workflowsPath(): string {
  return require.resolve('../workflows/index');
}

/** Bundles the workflow code once; reuse the bundle for every worker of the process (it takes seconds). */
export async function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

export interface ProjectWorkerOptions {
  readonly connection: NativeConnection;
  readonly namespace?: string;
  readonly taskQueue?: string;
  readonly workflowBundle?: WorkflowBundleWithSourceMap;
  readonly sink?: EffectSink;
  readonly identity?: string;
}

/** A worker that runs project workflows and their activities. */
export async function createProjectWorker(options: ProjectWorkerOptions): Promise<Worker> {
  const bundle = options.workflowBundle ?? (await bundleWorkflows());
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
    workflowBundle: bundle,
    activities: createActivities(options.sink),
    ...(options.identity ? { identity: options.identity } : {}),
  });
}
