/**
 * API load benchmark (`npm run bench:api`): the REST API under load next to the same operations
 * done straight through the Temporal client, on one real stack in this process (Temporal dev
 * server on 127.0.0.1, a project worker, the API with rate limits off; see bench/api-load/stack.ts).
 * Two operations, each measured both ways with the same number of concurrent clients in a closed
 * loop for the same time: kickoffs (`POST /projects` vs `workflow.start`) and accepted actions
 * (`POST /projects/:id/actions` vs the `act` update), every client on a project of its own.
 * Exits 1 if any request or call failed. See bench/README.md for what is measured and results.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { anatomyTable, measureAnatomy, type Anatomy } from './api-load/anatomy';
import { readLoadConfig, type LoadConfig } from './api-load/config';
import { runDirectLoad, type DirectLoadOptions } from './api-load/direct-load';
import { runHttpLoad, type HttpLoadOptions } from './api-load/http-load';
import { apiActionPlan, apiKickoffPlan, directActionCall, directKickoffCall } from './api-load/operations';
import { prepareProjects } from './api-load/projects';
import { measureRun } from './api-load/measure-run';
import {
  comparisonTable,
  mergeRuns,
  summarizeRun,
  type Comparison,
  type LoadRun,
  type MeasuredRun,
} from './api-load/report';
import { startLoadStack, type LoadStack } from './api-load/stack';
import { findDevServerPid } from './workflow/server-cpu';

const RESULTS_DIR = join(__dirname, 'results');
/** Seconds each call of the anatomy (one client alone) is repeated. */
const ANATOMY_S = 3;

type Load = (durationS: number, phase: string) => Promise<LoadRun>;
type Side = 'API' | 'direct';

/** One part of a comparison: a subject under load for a while, and what it cost. */
interface Part {
  readonly side: Side;
  readonly phase: string;
  readonly run: MeasuredRun;
}

/** One operation both ways: the merged timed parts of each side, and every part as run. */
interface Compared {
  readonly name: string;
  readonly api: MeasuredRun;
  readonly direct: MeasuredRun;
  readonly parts: readonly Part[];
}

/**
 * Warms both sides up, then runs them in the order API, direct, direct, API, each for half the
 * duration: whatever drifts during the run (open projects piling up in the server and the
 * worker's cache, history growing, the machine's other load) then weighs on both alike. Every
 * part starts on an idle worker and is charged the work it leaves queued (see measure-run.ts).
 */
async function compare(context: Context, name: string, loads: Record<Side, Load>): Promise<Compared> {
  const { config, stack, serverPid } = context;
  const parts: Part[] = [];
  const run = async (side: Side, phase: string, durationS: number) => {
    const measured = await measureRun(stack.worker, serverPid, () => loads[side](durationS, phase));
    parts.push({ side, phase, run: measured });
    const s = summarizeRun(measured);
    console.log(
      `${`${name}, ${side}, ${phase}`.padEnd(26)} ${s.requests} ok, ${s.errors} errors, ` +
        `${s.throughput.toFixed(1)} req/s, p50 ${s.p50Ms.toFixed(1)} ms, p99 ${s.p99Ms.toFixed(1)} ms, ` +
        `worker busy ${(measured.drainMs / 1000).toFixed(1)} s after`,
    );
  };
  if (config.warmupS > 0) {
    await run('API', 'warm-up', config.warmupS);
    await run('direct', 'warm-up', config.warmupS);
  }
  const half = config.durationS / 2;
  for (const [index, side] of (['API', 'direct', 'direct', 'API'] as const).entries()) {
    await run(side, `part ${index + 1}`, half);
  }
  const timed = (side: Side) =>
    mergeRuns(parts.filter((p) => p.side === side && p.phase !== 'warm-up').map((p) => p.run));
  return { name, api: timed('API'), direct: timed('direct'), parts };
}

interface Context {
  readonly config: LoadConfig;
  readonly stack: LoadStack;
  readonly serverPid: number | undefined;
}

interface BenchOutcome {
  readonly comparisons: Comparison[];
  readonly compared: Compared[];
  readonly anatomy: Anatomy;
}

async function runBenchmark(stack: LoadStack, config: LoadConfig, runId: string): Promise<BenchOutcome> {
  const serverPid = findDevServerPid();
  const context: Context = { config, stack, serverPid };
  const { connections } = config;
  const http =
    (plan: (phase: string) => HttpLoadOptions['planFor']): Load =>
    (durationS, phase) =>
      runHttpLoad({ baseUrl: stack.baseUrl, connections, durationS, planFor: plan(phase) });
  const direct =
    (call: (phase: string) => DirectLoadOptions['callFor']): Load =>
    (durationS, phase) =>
      runDirectLoad({ connections, durationS, callFor: call(phase) });
  const key = (side: string, phase: string) => `${runId}-${side}-${phase.replace(/\W+/g, '-')}`;

  console.log(`preparing ${2 * connections + 2} projects in their tasks step …`);
  const apiProjects = await prepareProjects(stack, connections, `${runId}-api-pool`);
  const directProjects = await prepareProjects(stack, connections, `${runId}-direct-pool`);
  const [anatomyApi, anatomyDirect] = await prepareProjects(stack, 2, `${runId}-anatomy`);

  console.log(`one client alone, ${ANATOMY_S} s per call …`);
  const anatomy = await measureAnatomy(
    stack,
    { api: anatomyApi!, direct: anatomyDirect! },
    ANATOMY_S,
    serverPid,
    `${runId}-anatomy`,
  );

  const action = await compare(context, 'action', {
    API: http(() => apiActionPlan(stack, apiProjects)),
    direct: direct(() => directActionCall(stack.client, directProjects)),
  });
  const kickoff = await compare(context, 'kickoff', {
    API: http((phase) => apiKickoffPlan(stack, key('api', phase))),
    direct: direct((phase) => directKickoffCall(stack.deps, key('direct', phase))),
  });
  const comparisons: Comparison[] = [
    {
      operation: 'action (task.update)',
      apiLabel: 'API: POST /projects/:id/actions',
      directLabel: 'direct: executeUpdate act',
      api: summarizeRun(action.api),
      direct: summarizeRun(action.direct),
    },
    {
      operation: 'kickoff',
      apiLabel: 'API: POST /projects',
      directLabel: 'direct: workflow.start',
      api: summarizeRun(kickoff.api),
      direct: summarizeRun(kickoff.direct),
    },
  ];
  return { comparisons, compared: [action, kickoff], anatomy };
}

/** Every run with a failure, warm-ups and the anatomy included. */
function failures(outcome: BenchOutcome): { run: string; errors: number; kinds: object; first?: string }[] {
  const runs: [string, LoadRun][] = [
    ...outcome.compared.flatMap((c) =>
      c.parts.map((p): [string, LoadRun] => [`${c.name}, ${p.side}, ${p.phase}`, p.run]),
    ),
    ...outcome.anatomy.steps.map((s): [string, LoadRun] => [
      `one client: ${s.call.replace('↳ ', '')}`,
      s.run,
    ]),
  ];
  return runs
    .filter(([, run]) => run.errors > 0)
    .map(([run, r]) => ({
      run,
      errors: r.errors,
      kinds: r.errorKinds,
      ...(r.firstError ? { first: r.firstError } : {}),
    }));
}

function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Latencies are left out of the raw file (they are many); their percentiles are in the summaries. */
function withoutSamples(run: MeasuredRun) {
  const { latenciesMs: _samples, ...rest } = run;
  return { ...rest, summary: summarizeRun(run) };
}

let stack: LoadStack | undefined;

async function main(): Promise<number> {
  const config = readLoadConfig();
  const runId = `api-load-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  console.log(
    `API load benchmark: ${config.connections} clients, kickoff and action, through the API and ` +
      `directly, ${config.durationS} s each in two halves (after ${config.warmupS} s of warm-up)`,
  );
  stack = await startLoadStack();
  const running = stack;
  const outcome = await running.worker.runUntil(runBenchmark(running, config, runId));
  console.log(`\n${comparisonTable(outcome.comparisons)}\n\n${anatomyTable(outcome.anatomy)}\n`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${runId}.json`);
  const raw = {
    runId,
    machine: machine(),
    config,
    comparisons: outcome.comparisons,
    parts: outcome.compared.flatMap((c) =>
      c.parts.map((p) => ({ operation: c.name, side: p.side, phase: p.phase, ...withoutSamples(p.run) })),
    ),
    anatomy: {
      kickoffPreparationCpuMs: outcome.anatomy.kickoffPreparationCpuMs,
      steps: outcome.anatomy.steps.map((s) => ({ call: s.call.replace('↳ ', ''), ...withoutSamples(s.run) })),
    },
  };
  writeFileSync(file, `${JSON.stringify(raw, null, 2)}\n`);
  console.log(`raw results: ${file}`);
  const failed = failures(outcome);
  if (failed.length === 0) return 0;
  console.error(
    `FAILED: requests or calls failed (every one must succeed):\n${JSON.stringify(failed, null, 2)}`,
  );
  return 1;
}

let finishing: Promise<never> | undefined;

/**
 * Tears the stack down (waiting at most `graceMs`), then exits with `code`. Only the first call
 * counts: a Ctrl-C stops the worker, which then fails the run, and that second call must neither
 * exit before the dev server is down nor change the exit code.
 */
function finish(code: number, graceMs = 15_000): Promise<never> {
  finishing ??= (async () => {
    const closing = stack?.close();
    if (closing) {
      await Promise.race([
        closing.catch((error: unknown) => console.error('tear-down failed:', error)),
        new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
      ]);
    }
    process.exit(code);
  })();
  return finishing;
}

const watchdog = setTimeout(() => {
  console.error('API load benchmark: timed out, giving up');
  void finish(1);
}, readLoadConfig().timeoutMs);
watchdog.unref();
process.once('SIGINT', () => void finish(130));

main().then(
  (code) => finish(code),
  (error: unknown) => {
    // After Ctrl-C or the watchdog the run fails only because its worker was stopped: no news.
    if (!finishing) console.error(error);
    return finish(1);
  },
);
