/**
 * One run with what it cost: it starts on an idle worker, and its CPU time (this process and the
 * dev server) is taken until the worker is idle again, so work a run leaves queued is charged to
 * it rather than to the run after it.
 */
import type { Worker } from '@temporalio/worker';
import { cpuMsOf } from '../workflow/server-cpu';
import type { LoadRun, MeasuredRun } from './report';
import { waitForIdleWorker } from './worker-idle';

export async function measureRun(
  worker: Worker,
  serverPid: number | undefined,
  load: () => Promise<LoadRun>,
): Promise<MeasuredRun> {
  await waitForIdleWorker(worker);
  const cpuBefore = process.cpuUsage();
  const serverBefore = cpuMsOf(serverPid);
  const run = await load();
  const drainMs = await waitForIdleWorker(worker);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ...run,
    drainMs,
    processCpuMs: (cpu.user + cpu.system) / 1000,
    serverCpuMs: cpuMsOf(serverPid) - serverBefore,
  };
}
