/** The load benchmark's knobs, read from the environment with bounded defaults. */
export interface LoadConfig {
  /** Concurrent clients: HTTP connections for the API, loops of calls for the direct baseline. */
  readonly connections: number;
  /** How long each of the four measurements runs, in seconds. */
  readonly durationS: number;
  /** Untimed load of the same kind before each measurement (JIT, caches, connection pools). */
  readonly warmupS: number;
  /** The whole run gives up after this long: the benchmark must always stop by itself. */
  readonly timeoutMs: number;
}

function wholeNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got '${raw}'`);
  return value;
}

/**
 * @example
 * // BENCH_CONNECTIONS=5 BENCH_DURATION_S=3 npm run bench:api  (a quick check)
 * readLoadConfig(); // { connections: 5, durationS: 3, warmupS: 3, timeoutMs: 600000 }
 */
export function readLoadConfig(): LoadConfig {
  const durationS = wholeNumber('BENCH_DURATION_S', 30, 1, 600);
  const warmupS = wholeNumber('BENCH_WARMUP_S', Math.min(5, durationS), 0, 120);
  // Four measurements and their warm-ups, plus start-up, preparing the projects and draining.
  const fallbackMinutes = Math.ceil((4 * (durationS + warmupS)) / 60) + 10;
  return {
    connections: wholeNumber('BENCH_CONNECTIONS', 50, 1, 500),
    durationS,
    warmupS,
    timeoutMs: wholeNumber('BENCH_TIMEOUT_MINUTES', fallbackMinutes, 1, 240) * 60_000,
  };
}
