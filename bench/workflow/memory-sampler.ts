/**
 * Samples this process's memory while a pass runs. The worker runs in this process, so RSS
 * covers everything it uses: the Rust core, the workflow isolate (a worker thread of the SDK)
 * and the main thread. `heapUsed` is the main thread's V8 heap only (client, activities, SDK
 * bridge): Node 20 cannot read a worker thread's heap from outside.
 */
export interface MemoryPeak {
  /** RSS when sampling started, bytes. */
  readonly rssAtStart: number;
  readonly peakRss: number;
  readonly peakHeapUsed: number;
  readonly samples: number;
}

export function startMemorySampler(intervalMs = 50): { stop(): MemoryPeak } {
  const first = process.memoryUsage();
  let peakRss = first.rss;
  let peakHeapUsed = first.heapUsed;
  let samples = 1;
  const timer = setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeapUsed = Math.max(peakHeapUsed, heapUsed);
    samples++;
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return { rssAtStart: first.rss, peakRss, peakHeapUsed, samples };
    },
  };
}
