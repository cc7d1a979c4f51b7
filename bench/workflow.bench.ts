/**
 * Durable workflow benchmark (`npm run bench:workflow`): our generic SOP workflow against a
 * hand-written Temporal workflow with the same steps (bench/workflow/hand-written-workflow.ts),
 * plus ours on the same SOP with wall-clock deadlines (to tell engine cost from calendar cost),
 * on a real Temporal dev server (127.0.0.1, in memory) with both workers in this process (one per
 * implementation, each with its own bundle: see bench/workflow/workflows.ts).
 * Both drive the change-request SOP's send-back path; see bench/README.md for what is measured.
 * Goals (ours / hand-written): throughput >= 0.9x, history events <= 1.1x.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Client } from '@temporalio/client';
import { readConfig, type BenchConfig } from './workflow/config';
import { driveProject } from './workflow/drive-project';
import { historyProfile, type HistoryProfile } from './workflow/history-profile';
import { implementations, type Implementation, type ImplementationName } from './workflow/implementations';
import { comparisonTable, eventTypeTable, GOALS } from './workflow/report';
import { runPass, type PassResult } from './workflow/run-pass';
import { summarize, type Summary } from './workflow/summary';
import { boundedPool } from './workflow/stats';
import { residentMemory, type ResidentMemory } from './workflow/resident-memory';
import { findDevServerPid } from './workflow/server-cpu';
import { quietTemporalRuntime, startDevServer } from './workflow/temporal-dev-server';
import { createWorker, runWorkersUntil } from './workflow/workers';

const RESULTS_DIR = join(__dirname, 'results');

// A full collection before each pass, so one pass's garbage is not counted against the next.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const SUBJECTS: readonly ImplementationName[] = ['ours', 'ours-wall-clock', 'hand-written'];

/** ABC CBA …: each round runs every subject once, every other round backwards, so drift hits all alike. */
function passOrder(rounds: number): ImplementationName[] {
  return Array.from({ length: rounds }, (_, round) =>
    round % 2 === 0 ? [...SUBJECTS] : [...SUBJECTS].reverse(),
  ).flat();
}

async function runBenchmark(
  client: Client,
  subjects: Record<ImplementationName, Implementation>,
  config: BenchConfig,
  runId: string,
): Promise<{ passes: PassResult[]; paced: Record<ImplementationName, HistoryProfile[]> }> {
  for (const subject of Object.values(subjects)) await warmUp(client, subject, config, runId);
  const passes: PassResult[] = [];
  const serverPid = findDevServerPid();
  for (const [index, name] of passOrder(config.rounds).entries()) {
    collectGarbage();
    const pass = await runPass(client, subjects[name], {
      projects: config.projects,
      concurrency: config.concurrency,
      label: `${runId}-${index}-${name}`,
      serverPid,
    });
    console.log(
      `pass ${index + 1}: ${name.padEnd(15)} ${pass.projects} projects in ${(pass.wallMs / 1000).toFixed(1)} s`,
    );
    passes.push(pass);
  }
  const paced: Partial<Record<ImplementationName, HistoryProfile[]>> = {};
  for (const name of SUBJECTS) paced[name] = await pacedHistories(client, subjects[name], config, runId);
  return { passes, paced: paced as Record<ImplementationName, HistoryProfile[]> };
}

/** Histories at human pace: a few projects, each action sent once the project is idle again. */
async function pacedHistories(
  client: Client,
  subject: Implementation,
  config: BenchConfig,
  runId: string,
): Promise<HistoryProfile[]> {
  const ids = Array.from({ length: config.paced }, (_, i) => `bench-${runId}-paced-${subject.name}-${i}`);
  await boundedPool(ids.length, config.concurrency, (i) => driveProject(client, subject, ids[i]!, 'settled'));
  return Promise.all(ids.map((id) => historyProfile(client, id)));
}

async function warmUp(
  client: Client,
  subject: Implementation,
  config: BenchConfig,
  runId: string,
): Promise<void> {
  await boundedPool(config.warmup, config.concurrency, (i) =>
    driveProject(client, subject, `bench-${runId}-warmup-${subject.name}-${i}`),
  );
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

async function main(): Promise<void> {
  const config = readConfig();
  const runId = new Date().toISOString().replace(/[:.]/g, '-');
  console.log(
    `workflow benchmark: ${config.projects} projects per pass, ${config.concurrency} in flight, ` +
      `${config.rounds * SUBJECTS.length} passes, ${config.warmup} warm-up and ${config.paced} human-pace ` +
      `projects each, then ${config.openProjects} open projects each in a worker process of its own`,
  );
  quietTemporalRuntime();
  const { env, address } = await startDevServer();
  try {
    const subjects = implementations();
    const workers = [];
    for (const name of SUBJECTS) workers.push(await createWorker(env.nativeConnection, subjects[name]));
    const { passes, paced } = await runWorkersUntil(
      workers,
      runBenchmark(env.client, subjects, config, runId),
    );
    // After the timed passes, with this process's workers stopped: nothing else runs meanwhile.
    const resident: Partial<Record<ImplementationName, ResidentMemory>> = {};
    for (const name of SUBJECTS) {
      resident[name] = await residentMemory(env.client, address, subjects[name], {
        count: config.openProjects,
        concurrency: config.concurrency,
        label: `${runId}-resident-${name}`,
      });
    }
    const [ours, wallClock, hand] = SUBJECTS.map((name) =>
      summarize(name, passes, paced[name], resident[name]!),
    ) as [Summary, Summary, Summary];
    console.log(`\n${comparisonTable(ours, wallClock, hand)}\n\n${eventTypeTable(ours, wallClock, hand)}\n`);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `workflow-${runId}.json`);
    const raw = {
      runId,
      machine: machine(),
      config,
      goals: GOALS,
      summary: { ours, oursWallClock: wallClock, hand },
      passes,
      paced,
      resident,
    };
    writeFileSync(file, `${JSON.stringify(raw, null, 2)}\n`);
    console.log(`raw results: ${file}`);
  } finally {
    await env.teardown();
  }
}

const watchdog = setTimeout(() => {
  console.error('workflow benchmark: timed out, giving up');
  process.exit(1);
}, readConfig().timeoutMs);
watchdog.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
