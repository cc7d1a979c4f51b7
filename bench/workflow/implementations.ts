/** The workflows the benchmark compares, with what it needs to drive and check each. */
import { workflowsPath } from '../../server/worker';
import { PROJECT_WORKFLOW } from '../../workflows/messages';
import type { ProjectView } from '../../workflows/project-view';
import { HAND_WRITTEN_WORKFLOW, type ChangeRequestView } from './hand-written-messages';
import { kickoffArgs } from './scenario';

/**
 * `ours` is the shipped SOP on our workflow; `ours-wall-clock` the same SOP with wall-clock
 * deadlines (as the hand-written workflow keeps them), to tell engine cost from calendar cost.
 */
export type ImplementationName = 'ours' | 'ours-wall-clock' | 'hand-written';

export interface Implementation {
  readonly name: ImplementationName;
  readonly workflowType: string;
  /** Each implementation has its own worker and bundle (see bench/workflow/workflows.ts). */
  readonly taskQueue: string;
  /** The bundle entry of its workflows. */
  readonly workflowsPath: string;
  readonly args: unknown;
  /** The step the `state` query says the project waits in (the two views differ in shape). */
  readonly waitingStep: (view: unknown) => string | undefined;
}

export function implementations(): Record<ImplementationName, Implementation> {
  const args = kickoffArgs();
  const ours = (name: ImplementationName, projectArgs: unknown): Implementation => ({
    name,
    workflowType: PROJECT_WORKFLOW,
    taskQueue: `bench-workflow-${name}`,
    workflowsPath: workflowsPath(),
    args: projectArgs,
    waitingStep: (view) => (view as ProjectView).activeSteps[0]?.id,
  });
  return {
    ours: ours('ours', args.ours),
    'ours-wall-clock': ours('ours-wall-clock', args.oursWallClock),
    'hand-written': {
      name: 'hand-written',
      workflowType: HAND_WRITTEN_WORKFLOW,
      taskQueue: 'bench-workflow-hand-written',
      workflowsPath: require.resolve('./workflows'),
      args: args.handWritten,
      waitingStep: (view) => (view as ChangeRequestView).step,
    },
  };
}
