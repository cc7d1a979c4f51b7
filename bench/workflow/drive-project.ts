/**
 * Drives one project through the benchmark path as people would, one action after the other,
 * timing every round trip, and checks that each workflow did what the SOP says. Back to back,
 * each action is sent as soon as the previous one is answered (the timed passes); settled, only
 * once the project is idle again (the human-pace histories, see settle.ts).
 */
import { performance } from 'node:perf_hooks';
import { ApplicationFailure, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ACTION_REJECTED, actUpdate } from '../../workflows/messages';
import type { Implementation } from './implementations';
import { EXPECTED_OUTCOME, SEND_BACK_PATH } from './scenario';
import { settle } from './settle';

/** What one project cost, in milliseconds of client-side round trip. */
export interface ProjectSample {
  readonly workflowId: string;
  readonly startMs: number;
  /** Accepted human actions (update round trips), in path order. */
  readonly actionMs: number[];
  /** Actions the validator refused (never in history). */
  readonly refusedMs: number[];
  readonly queryMs: number[];
  /** From the last action's answer to the workflow's result. */
  readonly resultMs: number;
  readonly totalMs: number;
}

const isRefusal = (error: unknown) =>
  error instanceof WorkflowUpdateFailedError &&
  error.cause instanceof ApplicationFailure &&
  error.cause.type === ACTION_REJECTED;

export async function driveProject(
  client: Client,
  implementation: Implementation,
  workflowId: string,
  pace: 'back-to-back' | 'settled' = 'back-to-back',
): Promise<ProjectSample> {
  const began = performance.now();
  const handle = await client.workflow.start(implementation.workflowType, {
    args: [implementation.args],
    taskQueue: implementation.taskQueue,
    workflowId,
  });
  const startMs = performance.now() - began;
  const sample = {
    workflowId,
    startMs,
    actionMs: [] as number[],
    refusedMs: [] as number[],
    queryMs: [] as number[],
  };

  for (const action of SEND_BACK_PATH) {
    if (pace === 'settled') await settle(handle);
    const sent = performance.now();
    try {
      const result = await handle.executeUpdate(actUpdate, { args: [action.request] });
      if (action.refused) throw new Error(`${workflowId}: '${action.request.type}' should have been refused`);
      sample.actionMs.push(performance.now() - sent);
      if (action.then !== undefined && !result.steps.includes(action.then))
        throw new Error(
          `${workflowId}: after '${action.request.type}' expected ${action.then}, got ${result.steps.join()}`,
        );
    } catch (error) {
      if (!action.refused || !isRefusal(error)) throw error;
      sample.refusedMs.push(performance.now() - sent);
    }
    if (action.query) {
      const asked = performance.now();
      const step = implementation.waitingStep(await handle.query('state'));
      sample.queryMs.push(performance.now() - asked);
      if (step !== action.then)
        throw new Error(`${workflowId}: the state query says ${step}, expected ${action.then}`);
    }
  }
  const lastAnswer = performance.now();
  const outcome: unknown = await handle.result();
  const resultMs = performance.now() - lastAnswer;
  const got = outcome as Record<string, unknown>;
  if (Object.entries(EXPECTED_OUTCOME).some(([key, value]) => got[key] !== value))
    throw new Error(`${workflowId}: unexpected outcome ${JSON.stringify(outcome)}`);
  return { ...sample, resultMs, totalMs: performance.now() - began };
}
