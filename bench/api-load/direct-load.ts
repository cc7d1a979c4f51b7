/**
 * The baseline: the same operations through the Temporal client, `connections` loops each with
 * one call in flight at a time (closed loop), the way autocannon drives the API.
 */
import { performance } from 'node:perf_hooks';
import { openWindow } from './load-window';
import { countError, type LoadRun } from './report';

/** One call of a loop; resolves when it succeeded, throws (or rejects) when it did not. */
export type DirectCall = () => Promise<void>;

export interface DirectLoadOptions {
  readonly connections: number;
  readonly durationS: number;
  /** The calls of loop `index` (0 … connections-1), asked once per loop. */
  readonly callFor: (index: number) => DirectCall;
}

function kindOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** Runs the loops until the window closes; calls still in flight then finish, counted as `tail`. */
export async function runDirectLoad(options: DirectLoadOptions): Promise<LoadRun> {
  const errorKinds: Record<string, number> = {};
  const latenciesMs: number[] = [];
  let succeeded = 0;
  let late = 0;
  let errors = 0;
  let firstError: string | undefined;
  const window = openWindow(options.durationS);

  const loop = async (index: number) => {
    const call = options.callFor(index);
    while (performance.now() < window.endsAt) {
      const began = performance.now();
      try {
        await call();
        const ended = performance.now();
        if (!window.contains(ended)) late++;
        else {
          succeeded++;
          latenciesMs.push(ended - began);
        }
      } catch (error) {
        errors++;
        countError(errorKinds, kindOf(error));
        firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, i) => loop(i)));
  return {
    succeeded,
    errors,
    errorKinds,
    ...(firstError !== undefined ? { firstError } : {}),
    windowMs: window.durationMs,
    latenciesMs,
    tail: late,
  };
}
