import { suggestClosest } from '../time';
import { asMap, listItems, type SopIndex, type StepEntry } from './sop-index';
import { listTargets } from './step-transitions';

/**
 * The steps as a graph: who can move where. A misspelt target (`next: don`) counts as the step
 * it obviously means, so one typo is not also reported as "step 'done' is never reached";
 * targets that resemble no step are left out (and remembered as unknown).
 */
export interface StepGraph {
  /** Step ids in document order (first declaration of each id). */
  readonly ids: readonly string[];
  /** All moves out of a step, including into a parallel step's regions. */
  next(id: string): readonly string[];
  /** Moves out of a step that do not wait for its regions (everything but a parallel's `next`). */
  leave(id: string): readonly string[];
  /** For a parallel step: the initial steps of its regions (undefined for a region without a valid one). */
  regionStarts(id: string): readonly (string | undefined)[];
  /** For a parallel step: its `next`, when it names a step. */
  afterRegions(id: string): string | undefined;
  /** True when some target of the step names no step (already reported as UNKNOWN_TARGET). */
  hasUnknownTarget(id: string): boolean;
  entry(id: string): StepEntry | undefined;
}

/**
 * Builds the step graph of an SOP.
 *
 * @example
 * ```ts
 * const graph = buildStepGraph(index);
 * graph.next('requirement'); // ['breakdown', 'cancelled']
 * ```
 */
export function buildStepGraph(index: SopIndex): StepGraph {
  const ids = [...index.stepsById.keys()];
  const known = new Set(ids);
  const next = new Map<string, string[]>();
  const leave = new Map<string, string[]>();
  const starts = new Map<string, (string | undefined)[]>();
  const after = new Map<string, string>();
  const unknown = new Set<string>();

  // A step-level escalation rung with `cancel: true` moves the project to the first top-level
  // final step whose outcome is `cancelled` (see engine/compiler/compile-sop.ts).
  const cancelledFinal = index.steps.find(
    (s) => !s.region && s.kind === 'final' && asMap(s.step)?.outcome === 'cancelled',
  )?.id;

  for (const [id, entry] of index.stepsById) {
    const all: string[] = [];
    const direct: string[] = [];
    const cancels = listItems(entry.step.escalation).some(
      ([rung]) => asMap(rung)?.cancel === true && asMap(rung)?.goto === undefined,
    );
    if (cancels && cancelledFinal !== undefined) {
      all.push(cancelledFinal);
      direct.push(cancelledFinal);
    }
    for (const ref of listTargets(entry)) {
      const target = known.has(ref.target) ? ref.target : suggestClosest(ref.target, ids);
      if (target === undefined) {
        unknown.add(id);
        continue;
      }
      all.push(target);
      if (entry.kind === 'parallel' && ref.via === 'next') after.set(id, target);
      else direct.push(target);
    }
    if (entry.kind === 'parallel') {
      const regionStarts = index.regions
        .filter((r) => r.parallel === id)
        .map((r) => resolveInitial(r.initial, r.stepIds));
      starts.set(id, regionStarts);
      for (const start of regionStarts) if (start !== undefined) all.push(start);
    }
    next.set(id, unique(all));
    leave.set(id, unique(direct));
  }

  return {
    ids,
    next: (id) => next.get(id) ?? [],
    leave: (id) => leave.get(id) ?? [],
    regionStarts: (id) => starts.get(id) ?? [],
    afterRegions: (id) => after.get(id),
    hasUnknownTarget: (id) => unknown.has(id),
    entry: (id) => index.stepsById.get(id),
  };
}

/**
 * The step an `initial` means among `candidates`: itself, or the candidate it obviously
 * misspells; undefined when it resembles none.
 *
 * @example
 * ```ts
 * resolveInitial('chek', ['check', 'ok']); // 'check'
 * ```
 */
export function resolveInitial(
  initial: string | undefined,
  candidates: readonly string[],
): string | undefined {
  if (initial === undefined) return undefined;
  return candidates.includes(initial) ? initial : suggestClosest(initial, candidates);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
