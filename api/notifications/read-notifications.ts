import type { WorkflowExecutionDescription } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { ChannelReport } from '../../notifications/channels/channel-delivery';
import { PROJECT_WORKFLOW } from '../../workflows/messages';
import type { ApiDeps } from '../deps';
import { createPayloadDecoder, type PayloadDecoder } from '../history/decode-payloads';
import { unknownProject } from '../projects/read-project';
import { withTemporalDeadline } from '../temporal-deadline';
import { isWorkflowNotFound } from '../temporal-errors';
import { fetchProjectRuns } from '../history/fetch-project-runs';
import type { NotificationLog, NotificationLogEntry } from './notification-log';
import { runNotifications, type PendingDelivery } from './run-notifications';

type PendingActivity = temporal.api.workflow.v1.PendingActivityInfo.$Properties;

const STARTED = 2; // PENDING_ACTIVITY_STATE_STARTED

/**
 * Deliveries in progress in the latest run, by activity id: attempts so far, the last failure,
 * and the channels that already delivered (the activity's heartbeat details).
 */
async function pendingDeliveries(
  activities: readonly PendingActivity[],
  decode: PayloadDecoder,
  context: { namespace: string; workflowId: string },
): Promise<Map<string, PendingDelivery>> {
  const pending = new Map<string, PendingDelivery>();
  for (const activity of activities) {
    if (activity.activityType?.name !== 'deliverEffect' || !activity.activityId) continue;
    const [details] = await decode(activity.heartbeatDetails?.payloads, {
      type: 'activity',
      ...context,
      activityId: activity.activityId,
      isLocal: false,
    });
    const delivered = (details as { delivered?: ChannelReport[] } | undefined)?.delivered ?? [];
    // Between attempts the activity is scheduled with the *next* attempt's number.
    const attempt = activity.attempt ?? 1;
    const attempts = Number(activity.state) === STARTED ? attempt : attempt - 1;
    pending.set(activity.activityId, {
      attempts,
      lastFailure: activity.lastFailure ?? null,
      delivered: Array.isArray(delivered) ? delivered : [],
    });
  }
  return pending;
}

/**
 * A project's delivery log, read from its Temporal history across continue-as-new runs: every
 * notification with its channels and their outcomes, the number of attempts, the last failure
 * and the final outcome (delivered, failed, or pending while Temporal still retries).
 *
 * @example
 * const { notifications } = await readNotificationLog(deps, 'project-3f…');
 * notifications.filter((n) => n.outcome === 'failed').map((n) => n.lastFailure);
 */
export async function readNotificationLog(deps: ApiDeps, id: string): Promise<NotificationLog> {
  const decode = createPayloadDecoder(deps.client.options.loadedDataConverter);
  return withTemporalDeadline(deps, async () => {
    let description: WorkflowExecutionDescription;
    try {
      description = await deps.client.workflow.getHandle(id).describe();
      if (description.type !== PROJECT_WORKFLOW) throw unknownProject(id);
    } catch (error) {
      if (isWorkflowNotFound(error)) throw unknownProject(id);
      throw error;
    }
    const runs = await fetchProjectRuns(deps, id, description.runId);
    const context = { namespace: deps.namespace, workflowId: id };
    const pending = await pendingDeliveries(description.raw.pendingActivities ?? [], decode, context);
    const notifications: NotificationLogEntry[] = [];
    for (const run of runs) {
      const latest = run.runId === description.runId;
      const runContext = { ...context, runId: run.runId, decode };
      notifications.push(...(await runNotifications(run.events, runContext, latest ? pending : new Map())));
    }
    return { id, runs: runs.length, notifications };
  });
}
