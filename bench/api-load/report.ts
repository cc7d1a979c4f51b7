/**
 * What one measurement yields and how the benchmark reports it: pure functions over samples, so
 * test/bench/api-load.test.ts can check them without a server.
 */
import { percentile } from '../workflow/stats';

/** What a load generator saw: `connections` clients in a closed loop for a fixed window. */
export interface LoadRun {
  /** Requests (HTTP) or calls (Temporal client) that succeeded within the window. */
  readonly succeeded: number;
  /** Every failure, in the window or after it: non-2xx, refused bodies, socket errors, timeouts, throws. */
  readonly errors: number;
  /** Failures by kind (`HTTP 409`, `timeout`, `WorkflowUpdateFailedError`, …). */
  readonly errorKinds: Readonly<Record<string, number>>;
  /** The first failure's detail, to see what went wrong without a debugger. */
  readonly firstError?: string;
  /** The window's length; only completions inside it count. */
  readonly windowMs: number;
  /** Latency of every success within the window, milliseconds. */
  readonly latenciesMs: readonly number[];
  /**
   * Requests sent in the window that completed after it, or were still in flight when the load
   * stopped (the server finishes those too): their work is in the CPU time, so CPU per request
   * divides by them as well.
   */
  readonly tail: number;
}

/** A run with what it cost: until the worker is idle again, so work it left queued counts too. */
export interface MeasuredRun extends LoadRun {
  /** How long after the window the worker still had work the run had queued (first workflow tasks, notifications). */
  readonly drainMs: number;
  /** CPU time of this process (API, worker, Temporal client and load generator), window and drain. */
  readonly processCpuMs: number;
  /** CPU time of the Temporal dev server, window and drain (NaN where /proc cannot be read). */
  readonly serverCpuMs: number;
}

export interface LoadSummary {
  readonly requests: number;
  readonly errors: number;
  /** Successes per second of the window. */
  readonly throughput: number;
  /** Successes per second of the window and the drain after it: the rate the whole stack keeps up. */
  readonly sustainedThroughput: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU milliseconds per request, in this process and in the dev server. */
  readonly processCpuMsPerRequest: number;
  readonly serverCpuMsPerRequest: number;
}

/** Several runs of one subject as one (the halves of an A B B A order). */
export function mergeRuns(runs: readonly MeasuredRun[]): MeasuredRun {
  const sum = (pick: (run: MeasuredRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const errorKinds: Record<string, number> = {};
  for (const run of runs) {
    for (const [kind, count] of Object.entries(run.errorKinds))
      errorKinds[kind] = (errorKinds[kind] ?? 0) + count;
  }
  const firstError = runs.find((run) => run.firstError !== undefined)?.firstError;
  return {
    succeeded: sum((r) => r.succeeded),
    errors: sum((r) => r.errors),
    errorKinds,
    ...(firstError !== undefined ? { firstError } : {}),
    windowMs: sum((r) => r.windowMs),
    latenciesMs: runs.flatMap((r) => r.latenciesMs),
    tail: sum((r) => r.tail),
    drainMs: sum((r) => r.drainMs),
    processCpuMs: sum((r) => r.processCpuMs),
    serverCpuMs: sum((r) => r.serverCpuMs),
  };
}

/**
 * @example
 * summarizeRun({ succeeded: 290, tail: 10, windowMs: 30_000, drainMs: 0, processCpuMs: 9000, … });
 * // { requests: 290, throughput: 9.67, processCpuMsPerRequest: 30, … }
 */
export function summarizeRun(run: MeasuredRun): LoadSummary {
  const sent = run.succeeded + run.tail;
  const perRequest = (ms: number) => (sent === 0 ? Number.NaN : ms / sent);
  const perSecond = (ms: number) => (ms > 0 ? run.succeeded / (ms / 1000) : Number.NaN);
  return {
    requests: run.succeeded,
    errors: run.errors,
    throughput: perSecond(run.windowMs),
    sustainedThroughput: perSecond(run.windowMs + run.drainMs),
    p50Ms: percentile(run.latenciesMs, 50),
    p99Ms: percentile(run.latenciesMs, 99),
    processCpuMsPerRequest: perRequest(run.processCpuMs),
    serverCpuMsPerRequest: perRequest(run.serverCpuMs),
  };
}

/** `a / b` as `1.23x`; `n/a` when either side is missing or the baseline is 0. */
export function formatRatio(a: number, b: number): string {
  const ratio = a / b;
  return Number.isFinite(ratio) && Number.isFinite(a) ? `${ratio.toFixed(2)}x` : 'n/a';
}

/** A number with `digits` decimals; `n/a` for NaN. */
export function formatNumber(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** A Markdown table; the first `textColumns` are left-aligned, the numbers after them right-aligned. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  textColumns = 1,
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const left = (i: number) => i < textColumns;
  const line = (cells: readonly string[]) =>
    `| ${header.map((_, i) => (left(i) ? (cells[i] ?? '').padEnd(widths[i]!) : (cells[i] ?? '').padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (left(i) ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** One operation measured both ways. */
export interface Comparison {
  readonly operation: string;
  readonly apiLabel: string;
  readonly directLabel: string;
  readonly api: LoadSummary;
  readonly direct: LoadSummary;
}

const HEADER = [
  'operation',
  'path',
  'requests',
  'errors',
  'req/s',
  'req/s incl. drain',
  'p50 (ms)',
  'p99 (ms)',
  'CPU/req, bench process (ms)',
  'CPU/req, dev server (ms)',
] as const;

function summaryRow(operation: string, label: string, s: LoadSummary): string[] {
  return [
    operation,
    label,
    String(s.requests),
    String(s.errors),
    formatNumber(s.throughput, 1),
    formatNumber(s.sustainedThroughput, 1),
    formatNumber(s.p50Ms, 1),
    formatNumber(s.p99Ms, 1),
    formatNumber(s.processCpuMsPerRequest, 2),
    formatNumber(s.serverCpuMsPerRequest, 2),
  ];
}

/**
 * The results table: per operation the API, the direct baseline and a row of ratios API / direct
 * (throughput below 1x and latencies above 1x are the API's overhead).
 */
export function comparisonTable(comparisons: readonly Comparison[]): string {
  const rows = comparisons.flatMap(({ operation, apiLabel, directLabel, api, direct }) => [
    summaryRow(operation, apiLabel, api),
    summaryRow(operation, directLabel, direct),
    [
      operation,
      '**API / direct**',
      '',
      '',
      formatRatio(api.throughput, direct.throughput),
      formatRatio(api.sustainedThroughput, direct.sustainedThroughput),
      formatRatio(api.p50Ms, direct.p50Ms),
      formatRatio(api.p99Ms, direct.p99Ms),
      formatRatio(api.processCpuMsPerRequest, direct.processCpuMsPerRequest),
      formatRatio(api.serverCpuMsPerRequest, direct.serverCpuMsPerRequest),
    ],
  ]);
  return markdownTable(HEADER, rows, 2);
}

/** Adds `kind` to a tally of failures. */
export function countError(kinds: Record<string, number>, kind: string): void {
  kinds[kind] = (kinds[kind] ?? 0) + 1;
}
