import type { ProjectArgs } from '../../workflows/messages';
import type { ProjectView } from '../../workflows/project-view';
import type { ApiDeps } from '../deps';
import { createPayloadDecoder } from '../history/decode-payloads';
import { viewAtStart } from './initial-search-attributes';

/**
 * The state of a project whose workflow ended before it ever ran (terminated, or timed out,
 * before a worker picked it up): Temporal cannot answer a query for it, so the state is rebuilt
 * from its start — the kickoff the API sent, run once through the same pure driver — with nothing
 * active any more and the end Temporal reports.
 *
 * @example
 * await viewFromStart(deps, 'project-3f…', 'terminated'); // { status: 'terminated', activeSteps: [], … }
 */
export async function viewFromStart(deps: ApiDeps, id: string, status: string): Promise<ProjectView> {
  const history = await deps.client.workflow.getHandle(id).fetchHistory();
  const started = history.events?.[0];
  const attributes = started?.workflowExecutionStartedEventAttributes;
  const decode = createPayloadDecoder(deps.client.options.loadedDataConverter);
  const [args] = (await decode(attributes?.input?.payloads, {
    type: 'workflow',
    namespace: deps.namespace,
    workflowId: id,
  })) as [ProjectArgs | undefined];
  if (!args) throw new Error(`project ${id} has no start input in its history`);
  const startedAt = Number(started?.eventTime?.seconds ?? 0) * 1000;
  const { nextDeadline: _none, ...view } = viewAtStart(args, startedAt);
  return { ...view, status, activeSteps: [], pendingDeadlines: [], overdue: false };
}
