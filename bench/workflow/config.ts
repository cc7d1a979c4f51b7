/** The benchmark's knobs, read from the environment with bounded defaults. */
export interface BenchConfig {
  /** Timed projects per pass. */
  readonly projects: number;
  /** Projects in flight at once. */
  readonly concurrency: number;
  /** Untimed projects of each implementation first (JIT, caches, server warm-up). */
  readonly warmup: number;
  /** Each round runs every implementation once, every other round in reverse order (ABC CBA…). */
  readonly rounds: number;
  /** Projects of each implementation driven at human pace (settled between actions), for histories. */
  readonly paced: number;
  /** Projects of each implementation held open at once, for the memory one open project costs. */
  readonly openProjects: number;
  /** The whole run gives up after this long: the benchmark must always stop by itself. */
  readonly timeoutMs: number;
}

function positiveInt(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new Error(`${name} must be a whole number from 1 to ${max}, got '${raw}'`);
  return value;
}

export function readConfig(): BenchConfig {
  return {
    projects: positiveInt('BENCH_PROJECTS', 40, 5000),
    concurrency: positiveInt('BENCH_CONCURRENCY', 10, 200),
    warmup: positiveInt('BENCH_WARMUP', 40, 1000),
    rounds: positiveInt('BENCH_ROUNDS', 4, 10),
    paced: positiveInt('BENCH_PACED', 5, 100),
    openProjects: positiveInt('BENCH_OPEN_PROJECTS', 200, 5000),
    timeoutMs: positiveInt('BENCH_TIMEOUT_MINUTES', 30, 240) * 60_000,
  };
}
