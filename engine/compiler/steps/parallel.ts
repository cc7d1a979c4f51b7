import type { ParallelStep, Step } from '../../model/sop';
import type { StateConfig } from '../machine-types';
import { targetOf } from '../../model/machine-names';
import { addUserTransitions } from '../transitions';

/** XState id of a parallel step's region (ids may not contain '.', XState reads it as a path). */
export function regionId(parallel: string, region: string): string {
  return `${parallel}__${region}`;
}

/**
 * `parallel`: every region runs at once; when each has reached one of its final steps, the step
 * moves on to `next`.
 */
export function compileParallelStep(
  id: string,
  step: ParallelStep,
  compileStep: (stepId: string, child: Step) => StateConfig,
): StateConfig {
  const states: Record<string, StateConfig> = {};
  for (const [region, spec] of Object.entries(step.regions)) {
    const children: Record<string, StateConfig> = {};
    for (const [childId, child] of Object.entries(spec.steps))
      children[childId] = compileStep(childId, child);
    states[region] = { id: regionId(id, region), initial: spec.initial, states: children };
  }
  const node: StateConfig = {
    id,
    type: 'parallel',
    entry: [{ type: 'sop.enterStep', params: { step: id } }],
    exit: [{ type: 'sop.exitStep', params: { step: id } }],
    states,
    onDone: [{ target: targetOf(step.next) }],
  };
  addUserTransitions(node, id, step.on, step.always);
  return node;
}
