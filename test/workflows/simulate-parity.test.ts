/**
 * `sop simulate` and the durable workflow run the same engine: for the same SOP and event script
 * they produce the same effects (notifications and records), in the same order, at the same times.
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { resolveParticipants, snapshotOrg } from '../../engine/runtime/participants';
import { simulateSop } from '../../engine/simulate';
import { registerSearchAttributes } from '../../server/register-search-attributes';
import { testServerExecutable } from '../../server/temporal-binaries';
import { createActivities } from '../../workflows/activities/deliver-effect';
import { PROJECT_WORKFLOW, stateQuery } from '../../workflows/messages';
import { loadScenario, playScript, SCENARIOS } from '../support/play-script';
import { RecordingSink } from '../support/project-harness';
import { shippedOrg } from '../support/sop-fixtures';
import { quietTemporalRuntime, sharedWorkflowBundle } from '../support/workflow-bundle';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  quietTemporalRuntime();
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServerExecutable() } });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
});

afterAll(async () => {
  await env?.teardown();
});

describe.each(SCENARIOS)('$sop played from $script', ({ sop, script: scriptFile }) => {
  it('gives the same effects in the workflow as in the simulator', async () => {
    const sink = new RecordingSink();
    const taskQueue = `parity-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: sharedWorkflowBundle(),
      activities: createActivities(sink),
    });
    await worker.runUntil(async () => {
      const { compiled, script } = loadScenario(sop, scriptFile);
      const org = snapshotOrg(shippedOrg());
      const people = resolveParticipants(compiled.document, org, script.input);
      const handle = await env.client.workflow.start(PROJECT_WORKFLOW, {
        args: [{ compiled, start: { input: script.input, org, people } }],
        taskQueue,
        workflowId: `parity-${randomUUID()}`,
      });
      const startedAt = Date.parse((await handle.query(stateQuery)).startedAt);
      await playScript(env, handle, compiled, script);
      await handle.result();

      const simulated = simulateSop(compiled, { ...script, start: startedAt }, { org: shippedOrg() });
      const fromSimulator = simulated.timeline.flatMap((e) => (e.kind === 'effect' ? [e.effect] : []));
      const fromWorkflow = sink.forProject(handle.workflowId);
      expect(fromWorkflow.length).toBeGreaterThan(5);
      // Activities of one batch may complete in any order; the effects themselves must be identical.
      // Times may differ by the real milliseconds an update takes to arrive after a time jump.
      const byId = (list: typeof fromWorkflow) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      const withoutTime = (list: typeof fromWorkflow) => byId(list).map(({ at: _at, ...rest }) => rest);
      expect(withoutTime(fromWorkflow)).toEqual(withoutTime(fromSimulator));
      const drift = byId(fromWorkflow).map((e, i) => Math.abs(e.at - byId(fromSimulator)[i]!.at));
      expect(Math.max(...drift)).toBeLessThan(5_000);
    });
  });
});
