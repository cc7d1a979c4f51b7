import type { temporal } from '@temporalio/proto';
import type { ApiDeps } from '../deps';

/** A project continues as new rarely (long projects, every few thousand events); this is a backstop. */
const MAX_RUNS = 1000;

/** One run of a project's workflow and its whole history. */
export interface ProjectRun {
  readonly runId: string;
  readonly events: temporal.api.history.v1.IHistoryEvent[];
}

/**
 * The runs of a workflow id, oldest first: walks back from the latest run through
 * `continuedExecutionRunId`. The history and notification-log routes both read projects this way.
 *
 * @example
 * const runs = await fetchProjectRuns(deps, 'project-3f…', description.runId);
 */
export async function fetchProjectRuns(
  deps: ApiDeps,
  id: string,
  latestRunId: string,
): Promise<ProjectRun[]> {
  const runs: ProjectRun[] = [];
  for (let runId: string | undefined = latestRunId; runId && runs.length < MAX_RUNS;) {
    // fetchHistory pages through the whole run (nextPageToken) itself.
    const history: temporal.api.history.v1.IHistory = await deps.client.workflow
      .getHandle(id, runId)
      .fetchHistory();
    const events = history.events ?? [];
    runs.unshift({ runId, events });
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}
