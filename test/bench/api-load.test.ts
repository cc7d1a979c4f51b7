/**
 * The pure parts of the API load benchmark (bench/api-load.bench.ts): its summaries, ratios and
 * tables, its knobs and the actions it repeats. No server, no clock.
 */
import { readLoadConfig } from '../../bench/api-load/config';
import {
  comparisonTable,
  formatRatio,
  markdownTable,
  mergeRuns,
  summarizeRun,
  type LoadSummary,
  type MeasuredRun,
} from '../../bench/api-load/report';
import { actionsToProgress, toggleAction } from '../../bench/api-load/scenario';

function run(overrides: Partial<MeasuredRun> = {}): MeasuredRun {
  return {
    succeeded: 200,
    errors: 0,
    errorKinds: {},
    windowMs: 10_000,
    latenciesMs: Array.from({ length: 200 }, (_, i) => i + 1),
    tail: 50,
    drainMs: 0,
    processCpuMs: 1_000,
    serverCpuMs: 500,
    ...overrides,
  };
}

describe('summarizeRun', () => {
  it('counts successes per second of the window, takes nearest-rank percentiles and shares CPU over every request sent', () => {
    expect(summarizeRun(run())).toEqual({
      requests: 200,
      errors: 0,
      throughput: 20,
      sustainedThroughput: 20,
      p50Ms: 100,
      p99Ms: 198,
      processCpuMsPerRequest: 4,
      serverCpuMsPerRequest: 2,
    });
  });

  it('counts the time the worker needed to catch up in the sustained rate', () => {
    expect(summarizeRun(run({ drainMs: 10_000 })).sustainedThroughput).toBe(10);
  });

  it('reports NaN rather than dividing by zero when nothing was sent', () => {
    const summary = summarizeRun(run({ succeeded: 0, tail: 0, errors: 3, latenciesMs: [] }));
    expect(summary).toMatchObject({ requests: 0, errors: 3, throughput: 0 });
    expect(summary.p50Ms).toBeNaN();
    expect(summary.processCpuMsPerRequest).toBeNaN();
  });
});

describe('mergeRuns', () => {
  it('adds the parts of one side up, samples and failures included', () => {
    const merged = mergeRuns([
      run({ latenciesMs: [1, 2], errors: 1, errorKinds: { 'HTTP 409': 1 }, firstError: 'HTTP 409 …' }),
      run({ latenciesMs: [3], drainMs: 500, errors: 2, errorKinds: { 'HTTP 409': 1, timeout: 1 } }),
    ]);
    expect(merged).toEqual({
      succeeded: 400,
      errors: 3,
      errorKinds: { 'HTTP 409': 2, timeout: 1 },
      firstError: 'HTTP 409 …',
      windowMs: 20_000,
      latenciesMs: [1, 2, 3],
      tail: 100,
      drainMs: 500,
      processCpuMs: 2_000,
      serverCpuMs: 1_000,
    });
  });
});

describe('formatRatio', () => {
  it.each([
    [50, 100, '0.50x'],
    [30, 10, '3.00x'],
    [1, 0, 'n/a'],
    [Number.NaN, 2, 'n/a'],
    [2, Number.NaN, 'n/a'],
  ])('%p / %p is %p', (a, b, expected) => {
    expect(formatRatio(a, b)).toBe(expected);
  });
});

describe('markdownTable', () => {
  it('pads every column and right-aligns the numeric ones', () => {
    expect(
      markdownTable(
        ['call', 'p50'],
        [
          ['describe', '1.5'],
          ['update', '12.25'],
        ],
      ),
    ).toBe(
      ['| call     |   p50 |', '|----------|------:|', '| describe |   1.5 |', '| update   | 12.25 |'].join(
        '\n',
      ),
    );
  });
});

describe('comparisonTable', () => {
  it('puts the API, the baseline and their ratios under each other', () => {
    const api: LoadSummary = {
      ...summarizeRun(run()),
      throughput: 50,
      sustainedThroughput: 40,
      p50Ms: 40,
      p99Ms: 300,
    };
    const direct: LoadSummary = {
      ...summarizeRun(run()),
      throughput: 100,
      sustainedThroughput: 80,
      p50Ms: 20,
      p99Ms: 100,
    };
    const table = comparisonTable([
      { operation: 'kickoff', apiLabel: 'API', directLabel: 'direct', api, direct },
    ]);
    const ratios = table
      .split('\n')
      .at(-1)!
      .split('|')
      .map((cell) => cell.trim());
    expect(ratios.slice(1, 9)).toEqual([
      'kickoff',
      '**API / direct**',
      '',
      '',
      '0.50x',
      '0.50x',
      '2.00x',
      '3.00x',
    ]);
  });
});

describe('readLoadConfig', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('defaults to 50 clients for 30 s', () => {
    delete process.env.BENCH_CONNECTIONS;
    delete process.env.BENCH_DURATION_S;
    delete process.env.BENCH_WARMUP_S;
    delete process.env.BENCH_TIMEOUT_MINUTES;
    expect(readLoadConfig()).toEqual({ connections: 50, durationS: 30, warmupS: 5, timeoutMs: 13 * 60_000 });
  });

  it('takes quick settings and refuses nonsense with the variable named', () => {
    process.env.BENCH_CONNECTIONS = '4';
    process.env.BENCH_DURATION_S = '2';
    expect(readLoadConfig()).toMatchObject({ connections: 4, durationS: 2, warmupS: 2 });
    process.env.BENCH_CONNECTIONS = 'lots';
    expect(() => readLoadConfig()).toThrow(
      "BENCH_CONNECTIONS must be a whole number from 1 to 500, got 'lots'",
    );
  });
});

describe('the repeated action', () => {
  it('moves the task between in progress and blocked, never closing it', () => {
    expect([0, 1, 2, 3].map((n) => toggleAction(n).status)).toEqual([
      'in_progress',
      'blocked',
      'in_progress',
      'blocked',
    ]);
  });

  it('is preceded by a task plan due well after the run, named by the SOP rule', () => {
    const now = Date.parse('2026-11-29T05:00:00Z');
    const [, plan] = actionsToProgress(now);
    const tasks = (plan!.data as { tasks: { name: string; due: string }[] }).tasks;
    expect(tasks.map((t) => t.name)).toEqual([
      'Aurora-研发-sun.peng-2027-01-28',
      'Aurora-渠道-lin.tao-2027-01-28',
    ]);
  });
});
