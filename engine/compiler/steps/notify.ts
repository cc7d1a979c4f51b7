import type { NotifyStep } from '../../model/sop';
import type { StateConfig } from '../machine-types';
import { targetOf } from '../../model/machine-names';

/** `notify`: sends its message on entry and moves on at once. */
export function compileNotifyStep(id: string, step: NotifyStep): StateConfig {
  return {
    id,
    entry: [
      { type: 'sop.enterStep', params: { step: id } },
      { type: 'sop.announce', params: { step: id } },
    ],
    exit: [{ type: 'sop.exitStep', params: { step: id } }],
    always: [{ target: targetOf(step.next) }],
  };
}
