import { performance } from 'node:perf_hooks';

/** How long to measure one function. */
export interface MeasureOptions {
  /** Calls made before measuring, so the JIT has compiled the hot paths. */
  readonly warmupMs: number;
  /** Measure at least this long… */
  readonly minTimeMs: number;
  /** …and take at least this many samples. */
  readonly minSamples: number;
}

export interface Measurement {
  /** Median CPU time of one call, in milliseconds. */
  readonly medianMs: number;
  /** Calls per sample (fast functions are timed in batches so the clock's resolution does not matter). */
  readonly batch: number;
  readonly samples: number;
}

export const DEFAULT_MEASURE: MeasureOptions = { warmupMs: 300, minTimeMs: 1000, minSamples: 30 };

/**
 * CPU time (user + system) of a batch, in milliseconds. CPU time rather than wall time: on a
 * shared two-core machine other processes take turns on the cores, and wall time would count
 * their turns too. (It includes the garbage collector's helper threads, which is fair: the
 * pipeline makes that garbage.)
 */
function timeBatch(fn: () => unknown, batch: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < batch; i += 1) fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Median CPU time of one call of `fn`: warm up, pick a batch size so one sample takes about
 * two milliseconds, then sample until both `minTimeMs` (wall time) and `minSamples` are reached.
 *
 * @example
 * const { medianMs } = measure(() => validate(doc));
 */
export function measure(fn: () => unknown, options: MeasureOptions = DEFAULT_MEASURE): Measurement {
  const warmupEnd = performance.now() + options.warmupMs;
  let calls = 0;
  while (performance.now() < warmupEnd || calls < 3) {
    fn();
    calls += 1;
  }
  const perCall = options.warmupMs / calls;
  // About 2 ms per sample: well above the microsecond resolution of process.cpuUsage().
  const batch = Math.max(1, Math.ceil(2 / Math.max(perCall, 1e-6)));
  const samples: number[] = [];
  const end = performance.now() + options.minTimeMs;
  while (performance.now() < end || samples.length < options.minSamples) {
    samples.push(timeBatch(fn, batch) / batch);
  }
  return { medianMs: median(samples), batch, samples: samples.length };
}
