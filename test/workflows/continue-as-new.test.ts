/**
 * Long projects stay small: when Temporal suggests it, the workflow continues as new, carrying
 * the whole project (state, tasks, forms, pending timers) into the next run. The dev server is
 * told to suggest it after a few dozen events so a normal project crosses the line several times.
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { temporalExecutable } from '../../server/temporal-binaries';
import { createActivities } from '../../workflows/activities/deliver-effect';
import { actUpdate, stateQuery, type ActionRequest } from '../../workflows/messages';
import { SOP_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { findFreePort } from '../support/free-port';
import {
  LAUNCH_INPUT,
  projectArgs,
  RecordingSink,
  REQUIREMENTS,
  startProject,
  taskPlan,
} from '../support/project-harness';
import { quietTemporalRuntime, sharedWorkflowBundle } from '../support/workflow-bundle';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  quietTemporalRuntime();
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: temporalExecutable(),
      ip: '127.0.0.1',
      port: await findFreePort(),
      searchAttributes: [...SOP_SEARCH_ATTRIBUTES],
      log: { format: 'pretty', level: 'error' },
      extraArgs: ['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=30'],
    },
  });
});

afterAll(async () => {
  await env?.teardown();
});

it('continues as new when suggested and finishes with nothing lost', async () => {
  const sink = new RecordingSink();
  const taskQueue = `can-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: sharedWorkflowBundle(),
    activities: createActivities(sink),
  });
  await worker.runUntil(async () => {
    const handle = await startProject(
      env.client.workflow,
      projectArgs('new-product-launch', LAUNCH_INPUT),
      taskQueue,
    );
    const firstRunId = (await handle.describe()).runId;
    const act = (request: ActionRequest) => handle.executeUpdate(actUpdate, { args: [request] });
    await act({ type: 'submit', actor: { user: 'he.yun' }, data: REQUIREMENTS });
    await act({ type: 'submit', actor: { user: 'zhang.min' }, data: taskPlan('2027-01-15') });
    for (const status of ['in_progress', 'blocked', 'in_progress']) {
      await act({ type: 'task.update', actor: { user: 'sun.peng' }, task: 't1', status });
      await act({ type: 'task.update', actor: { user: 'lin.tao' }, task: 't2', status });
    }
    const midway = await handle.query(stateQuery);
    expect(midway.tasks.map((t) => t.status)).toEqual(['in_progress', 'in_progress']);
    expect(midway.forms.requirement).toEqual(REQUIREMENTS);
    await act({ type: 'task.update', actor: { user: 'sun.peng' }, task: 't1', status: 'done' });
    await act({ type: 'task.update', actor: { user: 'lin.tao' }, task: 't2', status: 'done' });
    for (const head of ['li.na', 'zhao.lei', 'ma.jun', 'yang.xue']) {
      await act({ type: 'submit', actor: { user: head }, data: { problems: '无', improvements: '无' } });
    }
    expect(await handle.result()).toEqual({ status: 'completed', finalStep: 'closed', outcome: 'completed' });
    expect((await handle.describe()).runId).not.toBe(firstRunId);

    const firstRun = env.client.workflow.getHandle(handle.workflowId, firstRunId);
    const events = (await firstRun.fetchHistory()).events ?? [];
    expect(events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();

    // Every step was entered exactly once across all runs: one assignment notice each.
    const assigned = sink
      .forProject(handle.workflowId)
      .filter((e) => e.kind === 'notify' && e.reason === 'assigned')
      .map((e) => e.step);
    expect(assigned).toEqual(['requirement', 'breakdown', 'progress', 'retrospective']);
  });
});
