/**
 * One timed pass: N projects of one implementation, at most `concurrency` in flight, each driven
 * through the whole path. Histories are fetched after the clock stops, so reading them costs the
 * pass nothing.
 */
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { driveProject, type ProjectSample } from './drive-project';
import { historyProfile, type HistoryProfile } from './history-profile';
import type { Implementation, ImplementationName } from './implementations';
import { startMemorySampler, type MemoryPeak } from './memory-sampler';
import { cpuMsOf } from './server-cpu';
import { boundedPool } from './stats';

export interface PassOptions {
  readonly projects: number;
  readonly concurrency: number;
  /** The dev server's pid, to charge its CPU time to the pass (see server-cpu.ts). */
  readonly serverPid?: number;
  /** Distinguishes the workflow ids of this pass. */
  readonly label: string;
}

export interface PassResult {
  readonly implementation: ImplementationName;
  readonly label: string;
  readonly projects: number;
  readonly wallMs: number;
  /** CPU time of this process (worker, client and activities) during the pass. */
  readonly cpuMs: number;
  /** CPU time of the Temporal dev server during the pass (NaN where /proc is unavailable). */
  readonly serverCpuMs: number;
  readonly memory: MemoryPeak;
  readonly samples: ProjectSample[];
  readonly histories: HistoryProfile[];
}

export async function runPass(
  client: Client,
  implementation: Implementation,
  options: PassOptions,
): Promise<PassResult> {
  const ids = Array.from({ length: options.projects }, (_, i) => `bench-${options.label}-${i}`);
  const sampler = startMemorySampler();
  const cpuBefore = process.cpuUsage();
  const serverBefore = cpuMsOf(options.serverPid);
  const began = performance.now();
  const samples = await boundedPool(ids.length, options.concurrency, (i) =>
    driveProject(client, implementation, ids[i]!),
  );
  const wallMs = performance.now() - began;
  const cpu = process.cpuUsage(cpuBefore);
  const serverCpuMs = cpuMsOf(options.serverPid) - serverBefore;
  const memory = sampler.stop();
  const histories = await boundedPool(ids.length, options.concurrency, (i) =>
    historyProfile(client, ids[i]!),
  );
  return {
    implementation: implementation.name,
    label: options.label,
    projects: ids.length,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    serverCpuMs,
    memory,
    samples,
    histories,
  };
}
