/**
 * Waits until the worker has nothing left to do, so one measurement's backlog (kickoffs whose
 * first workflow task has not run yet, notifications still being delivered) never runs during the
 * next one.
 */
import { performance } from 'node:perf_hooks';
import type { Worker } from '@temporalio/worker';

const POLL_MS = 50;
/** Nothing in flight for this long counts as idle: a queued task reaches a free poller sooner. */
const QUIET_MS = 1_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with how long it took; throws after `giveUpMs`. */
export async function waitForIdleWorker(worker: Worker, giveUpMs = 600_000): Promise<number> {
  const began = performance.now();
  let quietSince = began;
  for (;;) {
    const status = worker.getStatus();
    const now = performance.now();
    if (status.numInFlightWorkflowActivations > 0 || status.numInFlightActivities > 0) quietSince = now;
    else if (now - quietSince >= QUIET_MS) return Math.max(0, now - began - QUIET_MS);
    if (now - began > giveUpMs) throw new Error(`the worker was still busy after ${giveUpMs / 1000} s`);
    await pause(POLL_MS);
  }
}
