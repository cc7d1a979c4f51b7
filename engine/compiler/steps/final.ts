import type { FinalStep } from '../../model/sop';
import type { StateConfig } from '../machine-types';

/** `final`: the end of the project, or of a parallel region. */
export function compileFinalStep(id: string, step: FinalStep): StateConfig {
  return {
    id,
    type: 'final',
    entry: [{ type: 'sop.enterStep', params: { step: id } }],
    meta: { outcome: step.outcome ?? 'completed' },
  };
}
