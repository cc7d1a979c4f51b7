import type { CompiledSop } from '../model/compiled';
import type { Step, StepsSpec } from '../model/sop';

/** Every step of a compiled SOP by id, including those inside parallel regions. */
export type StepIndex = ReadonlyMap<string, Step>;

const indexes = new WeakMap<CompiledSop, StepIndex>();

function collect(steps: StepsSpec, into: Map<string, Step>): void {
  for (const [id, step] of Object.entries(steps)) {
    into.set(id, step);
    if (step.kind === 'parallel')
      for (const region of Object.values(step.regions)) collect(region.steps, into);
  }
}

export function stepIndexOf(compiled: CompiledSop): StepIndex {
  let index = indexes.get(compiled);
  if (!index) {
    const built = new Map<string, Step>();
    collect(compiled.document.steps, built);
    index = built;
    indexes.set(compiled, index);
  }
  return index;
}

/** The step with this id; a missing one is an engine bug (the compiler emitted the id). */
export function stepOf(compiled: CompiledSop, id: string): Step {
  const step = stepIndexOf(compiled).get(id);
  if (!step) throw new Error(`[UNKNOWN_STEP] the compiled SOP '${compiled.sopId}' has no step '${id}'`);
  return step;
}
