/** Pools the passes of each implementation into the numbers the report compares. */
import { meanTypes, type HistoryProfile } from './history-profile';
import type { ImplementationName } from './implementations';
import type { ResidentMemory } from './resident-memory';
import type { PassResult } from './run-pass';
import { mean, median, percentile } from './stats';

export interface Summary {
  readonly implementation: ImplementationName;
  readonly passes: number;
  readonly projects: number;
  /**
   * Completed projects per second of wall time: the median over this implementation's passes,
   * so a burst of load from elsewhere on the machine during one pass does not decide the ratio.
   */
  readonly projectsPerSecond: number;
  /** All its projects over all its passes' wall time, for reference. */
  readonly projectsPerSecondPooled: number;
  readonly actionP50Ms: number;
  readonly actionP99Ms: number;
  readonly refusedP50Ms: number;
  readonly queryP50Ms: number;
  readonly startP50Ms: number;
  readonly historyEvents: number;
  readonly historyBytes: number;
  readonly workflowTasks: number;
  readonly cpuMsPerProject: number;
  readonly serverCpuMsPerProject: number;
  readonly peakRssMb: number;
  readonly peakHeapUsedMb: number;
  readonly eventTypes: Record<string, number>;
  /** The same at human pace: each action sent once the project is idle again (see settle.ts). */
  readonly pacedHistoryEvents: number;
  readonly pacedEventTypes: Record<string, number>;
  /** RSS one open (waiting) project adds to a worker process of its own, KiB. */
  readonly rssPerOpenProjectKiB: number;
}

const MB = 1024 * 1024;

export function summarize(
  implementation: ImplementationName,
  passes: readonly PassResult[],
  paced: readonly HistoryProfile[],
  resident: ResidentMemory,
): Summary {
  const mine = passes.filter((p) => p.implementation === implementation);
  const samples = mine.flatMap((p) => p.samples);
  const histories = mine.flatMap((p) => p.histories);
  const projects = samples.length;
  const wallMs = mine.reduce((sum, p) => sum + p.wallMs, 0);
  return {
    implementation,
    passes: mine.length,
    projects,
    projectsPerSecond: median(mine.map((p) => p.projects / (p.wallMs / 1000))),
    projectsPerSecondPooled: projects / (wallMs / 1000),
    actionP50Ms: percentile(
      samples.flatMap((s) => s.actionMs),
      50,
    ),
    actionP99Ms: percentile(
      samples.flatMap((s) => s.actionMs),
      99,
    ),
    refusedP50Ms: percentile(
      samples.flatMap((s) => s.refusedMs),
      50,
    ),
    queryP50Ms: percentile(
      samples.flatMap((s) => s.queryMs),
      50,
    ),
    startP50Ms: percentile(
      samples.map((s) => s.startMs),
      50,
    ),
    historyEvents: mean(histories.map((h) => h.events)),
    historyBytes: mean(histories.map((h) => h.bytes)),
    workflowTasks: mean(histories.map((h) => h.types.WORKFLOW_TASK_COMPLETED ?? 0)),
    cpuMsPerProject: mine.reduce((sum, p) => sum + p.cpuMs, 0) / projects,
    serverCpuMsPerProject: mine.reduce((sum, p) => sum + p.serverCpuMs, 0) / projects,
    peakRssMb: Math.max(...mine.map((p) => p.memory.peakRss)) / MB,
    peakHeapUsedMb: Math.max(...mine.map((p) => p.memory.peakHeapUsed)) / MB,
    eventTypes: meanTypes(histories),
    pacedHistoryEvents: mean(paced.map((h) => h.events)),
    pacedEventTypes: meanTypes(paced),
    rssPerOpenProjectKiB: resident.rssPerProjectKiB,
  };
}
