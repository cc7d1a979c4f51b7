/**
 * Records the Temporal history of one project per shipped SOP, played from its event script on the
 * time-skipping server, into test/histories/<sop>.json. The replay test replays every recorded
 * history against the current workflow code, so a change that would break running projects fails
 * CI. Re-record (`npm run record:histories`) only when a change is deliberately guarded with
 * `patched()` or the SOPs change; commit the new files.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { snapshotOrg, resolveParticipants } from '../engine/runtime/participants';
import { testServerExecutable } from '../server/temporal-binaries';
import { registerSearchAttributes } from '../server/register-search-attributes';
import { bundleWorkflows } from '../server/worker';
import { createActivities } from '../workflows/activities/deliver-effect';
import { PROJECT_WORKFLOW } from '../workflows/messages';
import { loadScenario, playScript, SCENARIOS } from '../test/support/play-script';
import { RecordingSink } from '../test/support/project-harness';
import { ROOT, shippedOrg } from '../test/support/sop-fixtures';

async function main(): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'WARN' } } },
  });
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: testServerExecutable() },
  });
  try {
    await registerSearchAttributes(env.connection, env.namespace ?? 'default');
    const workflowBundle = await bundleWorkflows();
    for (const { sop, script: scriptFile } of SCENARIOS) {
      const taskQueue = `record-${sop}`;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle,
        activities: createActivities(new RecordingSink()),
      });
      await worker.runUntil(async () => {
        const { compiled, script } = loadScenario(sop, scriptFile);
        const org = snapshotOrg(shippedOrg());
        const people = resolveParticipants(compiled.document, org, script.input);
        const handle = await env.client.workflow.start(PROJECT_WORKFLOW, {
          args: [{ compiled, start: { input: script.input, org, people } }],
          taskQueue,
          workflowId: `recorded-${sop}`,
        });
        await playScript(env, handle, compiled, script);
        const outcome: unknown = await handle.result();
        const history = await handle.fetchHistory();
        const file = join(ROOT, 'test', 'histories', `${sop}.json`);
        writeFileSync(file, `${historyToJSON(history)}\n`);
        console.log(
          `${sop}: ${history.events?.length ?? 0} events, outcome ${JSON.stringify(outcome)} → ${file}`,
        );
      });
    }
  } finally {
    await env.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
