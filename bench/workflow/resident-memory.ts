/**
 * Memory per open project: real projects wait hours or days between actions, and the worker keeps
 * each waiting project in its cache. For each implementation, a fresh worker process (see
 * resident-worker.ts) first runs a few projects to the end (warm-up), then holds `count` projects
 * open at the first step; the growth of its RSS, divided by `count`, is the cost of one open
 * project. The projects are terminated afterwards.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { driveProject } from './drive-project';
import type { Implementation } from './implementations';
import type { MemorySample } from './resident-worker';
import { settle } from './settle';
import { boundedPool } from './stats';
import { bundleFor } from './workers';

export interface ResidentMemory {
  readonly openProjects: number;
  readonly before: MemorySample;
  readonly after: MemorySample;
  /** RSS growth per open project, KiB. */
  readonly rssPerProjectKiB: number;
}

const SETTLE_MS = 1000;

function nextMessage(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`resident worker exited (${String(code)})`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message);
    });
  });
}

async function sample(child: ChildProcess): Promise<MemorySample> {
  // Let the worker thread finish what it was doing, then read twice: the second is steadier.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  child.send('sample');
  await nextMessage(child);
  child.send('sample');
  return (await nextMessage(child)) as MemorySample;
}

export async function residentMemory(
  client: Client,
  address: string,
  implementation: Implementation,
  options: { count: number; concurrency: number; label: string },
): Promise<ResidentMemory> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-workflow-'));
  const bundlePath = join(scratch, 'bundle.js');
  writeFileSync(bundlePath, (await bundleFor(implementation)).code);
  const taskQueue = `${implementation.taskQueue}-resident`;
  const subject = { ...implementation, taskQueue };
  const child = fork(join(__dirname, 'resident-worker.ts'), {
    env: { ...process.env, TEMPORAL_ADDRESS: address, TASK_QUEUE: taskQueue, WORKFLOW_BUNDLE: bundlePath },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    if ((await nextMessage(child)) !== 'ready') throw new Error('resident worker did not start');
    await boundedPool(3, 3, (i) => driveProject(client, subject, `bench-${options.label}-warmup-${i}`));
    const before = await sample(child);
    const ids = Array.from({ length: options.count }, (_, i) => `bench-${options.label}-open-${i}`);
    await boundedPool(ids.length, options.concurrency, async (i) => {
      const handle = await client.workflow.start(subject.workflowType, {
        args: [subject.args],
        taskQueue,
        workflowId: ids[i]!,
      });
      await settle(handle);
    });
    const after = await sample(child);
    await boundedPool(ids.length, options.concurrency, (i) => client.workflow.getHandle(ids[i]!).terminate());
    return {
      openProjects: ids.length,
      before,
      after,
      rssPerProjectKiB: (after.rss - before.rss) / ids.length / 1024,
    };
  } finally {
    if (child.connected) child.send('stop');
    await Promise.race([
      new Promise((resolve) => child.once('exit', resolve)),
      new Promise((resolve) => setTimeout(resolve, 10_000)),
    ]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  }
}
