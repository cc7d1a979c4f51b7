/**
 * The project workflow on Temporal's time-skipping test server: real 24 h and 48 h deadlines,
 * proved with `env.sleep`, not short fake durations.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { testServerExecutable } from '../../server/temporal-binaries';
import { createActivities } from '../../workflows/activities/deliver-effect';
import { randomUUID } from 'node:crypto';
import { actUpdate, stateQuery, type ActionRequest } from '../../workflows/messages';
import { registerSearchAttributes } from '../../server/register-search-attributes';
import {
  LAUNCH_INPUT,
  projectArgs,
  RecordingSink,
  REQUIREMENTS,
  startProject,
} from '../support/project-harness';
import { quietTemporalRuntime, sharedWorkflowBundle } from '../support/workflow-bundle';

let env: TestWorkflowEnvironment;
const sink = new RecordingSink();

beforeAll(async () => {
  quietTemporalRuntime();
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServerExecutable() } });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
});

afterAll(async () => {
  await env?.teardown();
});

async function withWorker<T>(run: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `tq-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: sharedWorkflowBundle(),
    activities: createActivities(sink),
  });
  return worker.runUntil(() => run(taskQueue));
}

describe('new-product-launch on the time-skipping server', () => {
  it('escalates an unanswered requirement rung by rung at 24 h and 48 h', async () => {
    await withWorker(async (taskQueue) => {
      const handle = await startProject(
        env.client.workflow,
        projectArgs('new-product-launch', LAUNCH_INPUT),
        taskQueue,
      );
      const first = await handle.query(stateQuery);
      expect(first.activeSteps.map((s) => [s.id, s.assignees])).toEqual([['requirement', ['he.yun']]]);
      const due = Date.parse(first.activeSteps[0]!.dueAt!) - Date.parse(first.startedAt);
      expect(due).toBe(24 * 3600_000); // wall time: 24 h after kickoff, weekends included

      await env.sleep('25h');
      const overdue = await handle.query(stateQuery);
      expect(overdue.overdue).toBe(true);
      const escalations = () =>
        sink
          .forProject(handle.workflowId)
          .filter((e) => e.kind === 'notify' && e.reason === 'escalation')
          .map((e) => (e.kind === 'notify' ? [e.rung, e.to] : []));
      expect(escalations()).toEqual([[0, ['he.yun', 'li.na']]]);

      await env.sleep('24h');
      expect(escalations()).toEqual([
        [0, ['he.yun', 'li.na']],
        [1, ['li.na', 'zhang.min']],
      ]);

      // The requirement is still answerable; answering it stops the ladder and moves on.
      const result = await handle.executeUpdate(actUpdate, {
        args: [{ type: 'submit', actor: { user: 'he.yun' }, data: REQUIREMENTS }],
      });
      expect(result.steps).toEqual(['breakdown']);
      await handle.terminate('test done');
    });
  });

  it('refuses illegal actions before they reach history, with the reason and a code', async () => {
    await withWorker(async (taskQueue) => {
      const handle = await startProject(
        env.client.workflow,
        projectArgs('new-product-launch', LAUNCH_INPUT),
        taskQueue,
      );
      const attempt = (request: ActionRequest) =>
        handle.executeUpdate(actUpdate, { args: [request] }).then(
          () => undefined,
          (error: unknown) => {
            expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
            const cause = (error as WorkflowUpdateFailedError).cause as {
              message: string;
              details?: unknown[];
            };
            return { message: cause.message, code: (cause.details?.[0] as { code: string }).code };
          },
        );
      expect(await attempt({ type: 'submit', actor: { user: 'zhang.min' }, data: REQUIREMENTS })).toEqual({
        code: 'NOT_ALLOWED',
        message: "'zhang.min' may not submit the form in step 'requirement': it is assigned to he.yun",
      });
      expect(
        await attempt({ type: 'submit', actor: { user: 'he.yun' }, data: { goals: 'x' } }),
      ).toMatchObject({
        code: 'INVALID_DATA',
      });
      expect(
        await attempt({ type: 'task.update', actor: { user: 'sun.peng' }, task: 't1', status: 'done' }),
      ).toMatchObject({
        code: 'WRONG_STATE',
      });
      const history = await handle.fetchHistory();
      const updateEvents = (history.events ?? []).filter(
        (e) => e.workflowExecutionUpdateAcceptedEventAttributes,
      );
      expect(updateEvents).toHaveLength(0);
      await handle.terminate('test done');
    });
  });
});
