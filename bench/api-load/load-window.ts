/**
 * The timed window of one run: both load generators count what completes inside it, so an
 * API run and a direct run of the same length are compared on the same terms.
 */
import { performance } from 'node:perf_hooks';

export interface LoadWindow {
  /** `performance.now()` at which the window closes. */
  readonly endsAt: number;
  readonly durationMs: number;
  /** Whether something that completed at `performance.now()` = `at` counts. */
  contains(at: number): boolean;
}

/** Opens a window of `durationS` seconds now. */
export function openWindow(durationS: number): LoadWindow {
  const durationMs = durationS * 1000;
  const endsAt = performance.now() + durationMs;
  return { endsAt, durationMs, contains: (at) => at <= endsAt };
}
