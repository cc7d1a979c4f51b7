import type { SearchAttributePair } from '@temporalio/common';
import { ProjectDriver } from '../../engine/runtime/driver';
import type { ProjectArgs } from '../../workflows/messages';
import { buildProjectView, type ProjectView } from '../../workflows/project-view';
import { searchAttributeUpdates } from '../../workflows/search-attribute-updates';

/**
 * The project as it stands right after its kickoff, computed the way the workflow computes it:
 * the kickoff run once through the same pure driver.
 *
 * @example
 * viewAtStart(args, Date.now()).activeSteps.map((s) => s.id); // ['requirement']
 */
export function viewAtStart(args: ProjectArgs, now: number): ProjectView {
  const driver = new ProjectDriver(args.compiled);
  driver.start({ ...args.start, startedAt: args.start.startedAt ?? now });
  return buildProjectView(args.compiled, driver.snapshot, driver.pending());
}

/**
 * The typed search attributes a project starts with, so it is findable in Temporal (SopId,
 * SopVersion, SopStatus, current step, lead department, deadline) from the first moment, before
 * its first workflow task runs. Computed exactly as the workflow computes them: the kickoff is
 * run once through the same pure driver, then the workflow keeps them up to date itself.
 *
 * @example
 * client.workflow.start(PROJECT_WORKFLOW, { …, typedSearchAttributes: initialSearchAttributes(args, Date.now()) });
 */
export function initialSearchAttributes(args: ProjectArgs, now: number): SearchAttributePair[] {
  const view = viewAtStart(args, now);
  // A start may only set values; "no deadline" is simply left out.
  return searchAttributeUpdates(args.compiled, view, args.start).filter(
    (pair): pair is SearchAttributePair => pair.value !== null && pair.value !== undefined,
  );
}
