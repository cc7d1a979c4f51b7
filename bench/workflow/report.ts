/** The benchmark's printed tables: each of ours next to the hand-written baseline, with ratios. */
import type { Summary } from './summary';

/** The goals, as ratios ours / hand-written. */
export const GOALS = { throughputAtLeast: 0.9, historyEventsAtMost: 1.1 } as const;

interface Row {
  readonly metric: string;
  readonly pick: (s: Summary) => number;
  readonly digits: number;
  readonly goal?: (ratio: number) => string;
}

const verdict = (met: boolean, text: string) => `${text} ${met ? 'met' : 'MISSED'}`;
const historyGoal = (r: number) =>
  verdict(r <= GOALS.historyEventsAtMost, `<= ${GOALS.historyEventsAtMost}x`);

const ROWS: readonly Row[] = [
  {
    metric: 'throughput (projects/s, median of passes)',
    pick: (s) => s.projectsPerSecond,
    digits: 2,
    goal: (r) => verdict(r >= GOALS.throughputAtLeast, `>= ${GOALS.throughputAtLeast}x`),
  },
  { metric: 'human action p50 (ms)', pick: (s) => s.actionP50Ms, digits: 1 },
  { metric: 'human action p99 (ms)', pick: (s) => s.actionP99Ms, digits: 1 },
  { metric: 'refused action p50 (ms)', pick: (s) => s.refusedP50Ms, digits: 1 },
  { metric: 'state query p50 (ms)', pick: (s) => s.queryP50Ms, digits: 1 },
  { metric: 'workflow start p50 (ms)', pick: (s) => s.startP50Ms, digits: 1 },
  { metric: 'history events per project (mean)', pick: (s) => s.historyEvents, digits: 1, goal: historyGoal },
  {
    metric: 'history events per project, human pace (mean)',
    pick: (s) => s.pacedHistoryEvents,
    digits: 1,
    goal: historyGoal,
  },
  { metric: 'history bytes per project (mean)', pick: (s) => s.historyBytes, digits: 0 },
  { metric: 'workflow tasks per project (mean)', pick: (s) => s.workflowTasks, digits: 1 },
  { metric: 'worker process CPU per project (ms)', pick: (s) => s.cpuMsPerProject, digits: 1 },
  { metric: 'dev server CPU per project (ms)', pick: (s) => s.serverCpuMsPerProject, digits: 1 },
  { metric: 'bench process peak RSS during pass (MiB)', pick: (s) => s.peakRssMb, digits: 0 },
  { metric: 'bench main-thread peak heap used (MiB)', pick: (s) => s.peakHeapUsedMb, digits: 0 },
  { metric: 'RSS per open project, own worker (KiB)', pick: (s) => s.rssPerOpenProjectKiB, digits: 0 },
];

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * The main table (Markdown, so it can go into bench/README.md as printed). The goal column
 * judges `ours` (the shipped SOP); `ours-wall-clock` is there to explain the difference.
 */
export function comparisonTable(ours: Summary, wallClock: Summary, hand: Summary): string {
  const rows = ROWS.map((row) => {
    const [a, w, b] = [ours, wallClock, hand].map(row.pick) as [number, number, number];
    return [
      row.metric,
      a.toFixed(row.digits),
      w.toFixed(row.digits),
      b.toFixed(row.digits),
      `${(a / b).toFixed(2)}x`,
      `${(w / b).toFixed(2)}x`,
      row.goal?.(a / b) ?? '',
    ];
  });
  return table(
    ['metric', 'ours', 'ours wall-clock', 'hand-written', 'ours / hand', 'wall-clock / hand', 'goal (ours)'],
    rows,
  );
}

/** History event types per project, side by side: where extra events come from. */
export function eventTypeTable(ours: Summary, wallClock: Summary, hand: Summary): string {
  const columns = [
    ours.eventTypes,
    hand.eventTypes,
    ours.pacedEventTypes,
    wallClock.pacedEventTypes,
    hand.pacedEventTypes,
  ];
  const types = [...new Set(columns.flatMap((c) => Object.keys(c)))].sort();
  const rows = types.map((type) => [type, ...columns.map((c) => (c[type] ?? 0).toFixed(1))]);
  return table(
    ['event type (per project)', 'ours b2b', 'hand b2b', 'ours paced', 'wall-clock paced', 'hand paced'],
    rows,
  );
}
