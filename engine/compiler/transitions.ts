import type { TransitionSpec, TransitionsSpec } from '../model/sop';
import { addTransitions, type StateConfig, type TransitionConfig } from './machine-types';
import { targetOf } from '../model/machine-names';

function normalise(spec: string | TransitionSpec | readonly TransitionSpec[]): readonly TransitionSpec[] {
  if (typeof spec === 'string') return [{ target: spec }];
  if (Array.isArray(spec)) return spec as readonly TransitionSpec[];
  return [spec as TransitionSpec];
}

/** One SOP transition as XState config: guard `sop.transition` checks `when` and `by`. */
export function compileTransition(
  step: string,
  event: string | undefined,
  spec: TransitionSpec,
): TransitionConfig {
  const params: Record<string, unknown> = { step };
  if (event !== undefined) params.event = event;
  if (spec.when !== undefined) params.when = spec.when;
  if (spec.by !== undefined) params.by = spec.by;
  const guarded = spec.when !== undefined || spec.by !== undefined || event !== undefined;
  return {
    target: targetOf(spec.target),
    ...(guarded ? { guard: { type: 'sop.transition', params } } : {}),
    actions: [{ type: 'sop.recordTransition', params: { step, ...(event !== undefined ? { event } : {}) } }],
  };
}

/** Adds the step's `on:` and `always:` transitions after its kind's built-in ones. */
export function addUserTransitions(
  node: StateConfig,
  step: string,
  on: TransitionsSpec | undefined,
  always: readonly TransitionSpec[] | undefined,
): void {
  if (on) {
    const map = node.on ?? {};
    for (const [event, spec] of Object.entries(on)) {
      addTransitions(
        map,
        event,
        normalise(spec).map((t) => compileTransition(step, event, t)),
      );
    }
    node.on = map;
  }
  if (always && always.length > 0) {
    node.always = [...(node.always ?? []), ...always.map((t) => compileTransition(step, undefined, t))];
  }
}
