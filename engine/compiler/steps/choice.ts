import type { ChoiceStep } from '../../model/sop';
import type { StateConfig } from '../machine-types';
import { targetOf } from '../../model/machine-names';

/** `choice`: eventless routes tried in order, each guarded by a CEL condition; `otherwise` last. */
export function compileChoiceStep(id: string, step: ChoiceStep): StateConfig {
  return {
    id,
    entry: [{ type: 'sop.enterStep', params: { step: id } }],
    exit: [{ type: 'sop.exitStep', params: { step: id } }],
    always: [
      ...step.routes.map((route, index) => ({
        guard: { type: 'sop.when', params: { step: id, when: route.when, route: index } },
        target: targetOf(route.target),
      })),
      { target: targetOf(step.otherwise) },
    ],
  };
}
