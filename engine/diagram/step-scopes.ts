import type { SopDocument, Step, StepsSpec } from '../model/sop';

/** The top level of the SOP, as opposed to a region of a parallel step. */
export const ROOT_SCOPE = '';

/** Key of one region of a parallel step (step ids are unique across the whole SOP). */
export function scopeKeyOf(parallelId: string, region: string): string {
  return JSON.stringify([parallelId, region]);
}

/** A step and where it sits: the scopes from the top level down to its own region. */
export interface PlacedStep {
  readonly id: string;
  readonly step: Step;
  /** `[ROOT_SCOPE, region of the outer parallel step, …, the step's own region]`. */
  readonly scopes: readonly string[];
  /** `owners[i]` is the parallel step whose region is `scopes[i + 1]`. */
  readonly owners: readonly string[];
}

function placeInto(
  steps: StepsSpec,
  scopes: readonly string[],
  owners: readonly string[],
  into: Map<string, PlacedStep>,
): void {
  for (const [id, step] of Object.entries(steps)) {
    into.set(id, { id, step, scopes, owners });
    if (step.kind !== 'parallel') continue;
    for (const [region, spec] of Object.entries(step.regions)) {
      placeInto(spec.steps, [...scopes, scopeKeyOf(id, region)], [...owners, id], into);
    }
  }
}

/**
 * Every step of the SOP by id, in document order (depth first), with the scopes it sits in.
 *
 * @example
 * const placed = placeSteps(doc);
 * placed.get('design')?.owners; // => ['launchPrep'] when `design` is in a region of `launchPrep`
 */
export function placeSteps(doc: SopDocument): Map<string, PlacedStep> {
  const placed = new Map<string, PlacedStep>();
  placeInto(doc.steps, [ROOT_SCOPE], [], placed);
  return placed;
}

/** Where an arrow is drawn: both ends lifted to the innermost scope that holds them both. */
export interface LiftedEdge {
  readonly scope: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Mermaid cannot draw an arrow between states of different composite states, so an arrow that
 * leaves (or enters) a parallel step's region starts (or ends) at the parallel step itself, in
 * the innermost scope common to both ends.
 *
 * @example
 * liftEdge(placed.get('design')!, placed.get('cancelled')!);
 * // => { scope: ROOT_SCOPE, from: 'launchPrep', to: 'cancelled' }
 */
export function liftEdge(from: PlacedStep, to: PlacedStep): LiftedEdge {
  let common = 0;
  while (
    common < from.scopes.length &&
    common < to.scopes.length &&
    from.scopes[common] === to.scopes[common]
  ) {
    common += 1;
  }
  // `common` ≥ 1: every step sits under the root scope.
  const scope = from.scopes[common - 1] ?? ROOT_SCOPE;
  const liftedFrom = common < from.scopes.length ? (from.owners[common - 1] ?? from.id) : from.id;
  const liftedTo = common < to.scopes.length ? (to.owners[common - 1] ?? to.id) : to.id;
  return { scope, from: liftedFrom, to: liftedTo };
}
