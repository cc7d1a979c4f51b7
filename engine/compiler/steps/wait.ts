import type { WaitStep } from '../../model/sop';
import { addTransitions, type StateConfig } from '../machine-types';
import { delayNames, targetOf } from '../../model/machine-names';

/** `wait`: for an external event (`for`) and/or until a time (`until`, then `onTimeout` or `next`). */
export function compileWaitStep(id: string, step: WaitStep): StateConfig {
  const node: StateConfig = {
    id,
    entry: [{ type: 'sop.enterStep', params: { step: id } }],
    exit: [{ type: 'sop.exitStep', params: { step: id } }],
  };
  if (step.for) {
    const on: Record<string, never[]> = {};
    node.on = on;
    addTransitions(node.on, step.for, [
      {
        guard: { type: 'sop.transition', params: { step: id, event: step.for } },
        actions: [{ type: 'sop.recordTransition', params: { step: id, event: step.for } }],
        target: targetOf(step.next),
      },
    ]);
  }
  if (step.until) {
    node.after = {
      [delayNames.until(id)]: [
        {
          actions: [{ type: 'sop.recordTransition', params: { step: id, event: 'timeout' } }],
          target: targetOf(step.onTimeout ?? step.next),
        },
      ],
    };
  }
  return node;
}
