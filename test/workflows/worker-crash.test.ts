/**
 * `kill -9` the worker in the middle of a project, start another: the project finishes with no
 * step lost or repeated, on a real Temporal dev server with workers in their own processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalExecutable } from '../../server/temporal-binaries';
import { SOP_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { actUpdate, stateQuery, type ActionRequest } from '../../workflows/messages';
import type { Effect } from '../../engine/runtime/effects';
import { findFreePort } from '../support/free-port';
import { LAUNCH_INPUT, projectArgs, REQUIREMENTS, startProject, taskPlan } from '../support/project-harness';
import { BUNDLE_PATH, quietTemporalRuntime } from '../support/workflow-bundle';
import { ROOT } from '../support/sop-fixtures';

let env: TestWorkflowEnvironment;
let address: string;
let scratch: string;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  quietTemporalRuntime();
  const port = await findFreePort();
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: temporalExecutable(),
      ip: '127.0.0.1',
      port,
      searchAttributes: [...SOP_SEARCH_ATTRIBUTES],
      log: { format: 'pretty', level: 'error' },
    },
  });
  address = `127.0.0.1:${port}`;
  scratch = mkdtempSync(join(tmpdir(), 'sop-crash-'));
});

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
  await env?.teardown();
  rmSync(scratch, { recursive: true, force: true });
});

function startWorker(taskQueue: string, effectLog: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--require', 'tsx/cjs', join(ROOT, 'test', 'support', 'worker-process.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: address,
        TASK_QUEUE: taskQueue,
        WORKFLOW_BUNDLE: BUNDLE_PATH,
        EFFECT_LOG: effectLog,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  workers.push(child);
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker ready')) resolve(child);
    });
    child.once('exit', (code) =>
      reject(new Error(`worker exited (${String(code)}) before it was ready: ${stderr}`)),
    );
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('a worker killed mid-project', () => {
  it('is replaced by another worker and the project finishes with every step exactly once', async () => {
    const taskQueue = `crash-${randomUUID()}`;
    const effectLog = join(scratch, 'effects.jsonl');
    writeFileSync(effectLog, '');
    const first = await startWorker(taskQueue, effectLog);
    const handle = await startProject(
      env.client.workflow,
      projectArgs('new-product-launch', LAUNCH_INPUT),
      taskQueue,
    );
    const act = (request: ActionRequest) => handle.executeUpdate(actUpdate, { args: [request] });

    await act({ type: 'submit', actor: { user: 'he.yun' }, data: REQUIREMENTS });
    await act({ type: 'submit', actor: { user: 'zhang.min' }, data: taskPlan('2027-01-15') });
    await killHard(first); // mid-project: two tasks open, timers pending

    // While no worker runs, the project waits; a new worker picks it up where it was.
    await startWorker(taskQueue, effectLog);
    await act({ type: 'task.update', actor: { user: 'sun.peng' }, task: 't1', status: 'done' });
    await act({ type: 'task.update', actor: { user: 'lin.tao' }, task: 't2', status: 'done' });
    for (const head of ['li.na', 'zhao.lei', 'ma.jun', 'yang.xue']) {
      await act({ type: 'submit', actor: { user: head }, data: { problems: '无', improvements: '无' } });
    }
    const outcome = await handle.result();
    expect(outcome).toEqual({ status: 'completed', finalStep: 'closed', outcome: 'completed' });

    const view = await handle.query(stateQuery);
    expect(view.completedSteps.map((s) => s.id)).toEqual([
      'requirement',
      'breakdown',
      'progress',
      'retrospective',
    ]);
    expect(view.tasks.map((t) => [t.id, t.status])).toEqual([
      ['t1', 'done'],
      ['t2', 'done'],
    ]);
    const history = await handle.fetchHistory();
    const accepted = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(accepted).toHaveLength(8); // every action exactly once

    // Every effect was delivered; a retried delivery carries the same idempotency key.
    const delivered = readFileSync(effectLog, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { key: string; effect: Effect })
      .filter((d) => d.key.startsWith(handle.workflowId));
    const keys = new Set(delivered.map((d) => d.key));
    // Deliveries run side by side (and some were retried after the crash): order them by effect id.
    const seq = (id: string) => Number(id.split(':').pop());
    const assigned = [
      ...new Map(
        delivered
          .filter((d) => d.effect.kind === 'notify' && d.effect.reason === 'assigned')
          .map((d) => [d.effect.id, d.effect] as const),
      ).values(),
    ]
      .sort((a, b) => seq(a.id) - seq(b.id))
      .map((e) => e.step);
    expect(assigned).toEqual(['requirement', 'breakdown', 'progress', 'retrospective']);
    expect(keys.size).toBeGreaterThanOrEqual(6);
  });
});
