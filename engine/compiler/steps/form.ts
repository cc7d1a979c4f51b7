import type { FormStep } from '../../model/sop';
import { addTransitions, type StateConfig } from '../machine-types';
import { targetOf } from '../../model/machine-names';
import { acceptsGuard, humanStepNode } from './human';

/**
 * `form`: event `submit` with the form data. With one respondent the first valid submission
 * completes the step; with `respondents: { each: participatingDepartments }` every participating
 * department submits once and an eventless transition moves on when all have.
 */
export function compileFormStep(id: string, step: FormStep): StateConfig {
  const node = humanStepNode(id, step);
  const on = node.on ?? {};
  const perDepartment = step.respondents !== undefined;
  addTransitions(on, 'submit', [
    {
      guard: acceptsGuard(id, 'submit'),
      actions: [{ type: 'sop.submit', params: { step: id } }],
      ...(step.next && !perDepartment ? { target: targetOf(step.next) } : {}),
    },
  ]);
  node.on = on;
  if (perDepartment && step.next) {
    node.always = [
      { guard: { type: 'sop.allResponded', params: { step: id } }, target: targetOf(step.next) },
    ];
  }
  return node;
}
