import type { AnyMachineSnapshot } from 'xstate';
import { isInternalEvent } from '../model/machine-names';
import type { CompiledSop } from '../model/compiled';
import type { TransitionConfig, StateConfig } from '../compiler/machine-types';
import { activeSteps } from './active-steps';
import type { SopContext, SopEvent } from './context';
import { conditionHolds } from './guards';
import { rejectionReason, transitionRejection, type Rejection } from './rules';

const stateIndexes = new WeakMap<CompiledSop, Map<string, StateConfig>>();

function stateIndex(compiled: CompiledSop): Map<string, StateConfig> {
  let index = stateIndexes.get(compiled);
  if (!index) {
    const built = new Map<string, StateConfig>();
    const walk = (states: Record<string, StateConfig> | undefined) => {
      for (const node of Object.values(states ?? {})) {
        if (node.id) built.set(node.id, node);
        walk(node.states);
      }
    };
    walk((compiled.machine as { states?: Record<string, StateConfig> }).states);
    index = built;
    stateIndexes.set(compiled, index);
  }
  return index;
}

/** The events people or systems may send in a step (internal timer events left out). */
export function acceptedEvents(compiled: CompiledSop, step: string): string[] {
  return Object.keys(stateIndex(compiled).get(step)?.on ?? {}).filter((e) => !isInternalEvent(e));
}

/**
 * Why the project refuses an event right now, or `undefined` when it accepts it. The durable
 * workflow's update validators and the simulator both ask this, so an illegal action is refused
 * with the same reason everywhere, before it reaches history.
 */
export function explainRejection(
  compiled: CompiledSop,
  snapshot: AnyMachineSnapshot,
  event: SopEvent,
): Rejection | undefined {
  if (snapshot.status !== 'active') {
    return {
      code: 'PROJECT_ENDED',
      message: `the project has ended (${snapshot.status}); it accepts no more actions`,
    };
  }
  if (isInternalEvent(event.type)) {
    return { code: 'WRONG_STATE', message: `'${event.type}' is an internal event and cannot be sent` };
  }
  if (snapshot.can(event)) return undefined;
  const context = snapshot.context as SopContext;
  const steps = activeSteps(compiled, snapshot.value);
  const handling = steps.filter((s) => acceptedEvents(compiled, s).includes(event.type));
  if (handling.length === 0) {
    const offers = steps
      .map((s) => `'${s}' accepts ${acceptedEvents(compiled, s).join(', ') || 'no actions'}`)
      .join('; ');
    return { code: 'WRONG_STATE', message: `no current step accepts '${event.type}': ${offers}` };
  }
  // In parallel steps several active steps may accept the same event: report the refusal of the
  // step the actor could act on (wrong data, say), not a "not yours" from a sibling step.
  const rejections: Rejection[] = [];
  for (const step of handling) {
    const builtIn = rejectionReason(compiled, context, step, event);
    if (builtIn) rejections.push(builtIn);
    for (const transition of stateIndex(compiled).get(step)?.on?.[event.type] ?? []) {
      const reason = customReason(compiled, context, step, event, transition);
      if (reason) rejections.push(reason);
    }
  }
  const relevant = rejections.find(
    (r) => r.code !== 'NOT_ALLOWED' && !r.message.startsWith('the action is addressed'),
  );
  if (relevant) return relevant;
  if (rejections.length > 0) {
    return { code: rejections[0]!.code, message: [...new Set(rejections.map((r) => r.message))].join('; ') };
  }
  return {
    code: 'WRONG_STATE',
    message: `'${event.type}' is not possible in step '${handling.join("', '")}' right now`,
  };
}

function customReason(
  compiled: CompiledSop,
  context: SopContext,
  step: string,
  event: SopEvent,
  transition: TransitionConfig,
): Rejection | undefined {
  if (transition.guard?.type !== 'sop.transition') return undefined;
  const params = transition.guard.params as { when?: string; by?: readonly string[] };
  const whenOk = conditionHolds(params.when, context, event);
  return transitionRejection(compiled, context, step, event, params.by, whenOk);
}
