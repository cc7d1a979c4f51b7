/**
 * Waits until a project is idle: no workflow task and no activity pending, i.e. it has delivered
 * its notifications and armed its deadline timer, as it would be when a person acts hours later.
 * Driving with this pause between actions shows the histories of real use; back-to-back actions
 * arrive while notifications are still in flight and skip some timers and upserts.
 */
import type { WorkflowHandle } from '@temporalio/client';

const POLL_MS = 20;
const GIVE_UP_MS = 30_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function settle(handle: WorkflowHandle): Promise<void> {
  const giveUpAt = Date.now() + GIVE_UP_MS;
  for (;;) {
    const { raw } = await handle.describe();
    if ((raw.pendingActivities ?? []).length === 0 && !raw.pendingWorkflowTask) return;
    if (Date.now() > giveUpAt) throw new Error(`${handle.workflowId} did not settle in ${GIVE_UP_MS} ms`);
    await pause(POLL_MS);
  }
}
