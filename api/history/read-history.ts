import { PROJECT_WORKFLOW } from '../../workflows/messages';
import type { ApiDeps } from '../deps';
import { unknownProject } from '../projects/read-project';
import { fetchProjectRuns } from './fetch-project-runs';
import { withTemporalDeadline } from '../temporal-deadline';
import { isWorkflowNotFound } from '../temporal-errors';
import { createPayloadDecoder } from './decode-payloads';
import type { HistoryEntry } from './history-entry';
import { runEntries } from './run-entries';

/** `GET /projects/:id/history`: every run of the project, oldest first, as business entries. */
export interface ProjectHistory {
  readonly id: string;
  /** How many runs (continue-as-new) the entries span. */
  readonly runs: number;
  readonly events: readonly HistoryEntry[];
}

/**
 * Reads a project's whole Temporal history and turns it into the ordered list of what happened:
 * kickoff, accepted actions with their actors, timers that fired, effects handed to activities,
 * continue-as-new, the end. Payloads are decoded with the client's data converter.
 *
 * @example
 * const { events } = await readProjectHistory(deps, 'project-3f…');
 * events.filter((e) => e.kind === 'action').map((e) => `${e.actor.user} ${e.type}`);
 */
export async function readProjectHistory(deps: ApiDeps, id: string): Promise<ProjectHistory> {
  const decode = createPayloadDecoder(deps.client.options.loadedDataConverter);
  return withTemporalDeadline(deps, async () => {
    let latestRunId: string;
    try {
      const description = await deps.client.workflow.getHandle(id).describe();
      if (description.type !== PROJECT_WORKFLOW) throw unknownProject(id);
      latestRunId = description.runId;
    } catch (error) {
      if (isWorkflowNotFound(error)) throw unknownProject(id);
      throw error;
    }
    const runs = await fetchProjectRuns(deps, id, latestRunId);
    const events: HistoryEntry[] = [];
    for (const run of runs) {
      const context = { namespace: deps.namespace, workflowId: id, runId: run.runId, decode };
      events.push(...(await runEntries(run.events, context)));
    }
    return { id, runs: runs.length, events };
  });
}
