import type { Step } from '../model/sop';
import type { StateConfig } from './machine-types';
import { compileApprovalStep } from './steps/approval';
import { compileChoiceStep } from './steps/choice';
import { compileFinalStep } from './steps/final';
import { compileFormStep } from './steps/form';
import { compileNotifyStep } from './steps/notify';
import { compileParallelStep } from './steps/parallel';
import { compileTasksStep } from './steps/tasks';
import { compileWaitStep } from './steps/wait';
import { addStepTimers } from './timers';
import { addUserTransitions } from './transitions';

/** Compiles one step (recursively for parallel regions) to its XState state node. */
export function compileStep(id: string, step: Step): StateConfig {
  const node = compileByKind(id, step);
  node.description = step.title ?? id;
  if (step.kind === 'final' || step.kind === 'parallel') return node;
  addUserTransitions(node, id, step.on, step.always);
  if ((step.kind === 'wait' || step.kind === 'notify' || step.kind === 'choice') && step.recurring) {
    addStepTimers(node, id, { hasDeadline: false, recurring: step.recurring });
  }
  return node;
}

function compileByKind(id: string, step: Step): StateConfig {
  switch (step.kind) {
    case 'form':
      return compileFormStep(id, step);
    case 'tasks':
      return compileTasksStep(id, step);
    case 'approval':
      return compileApprovalStep(id, step);
    case 'wait':
      return compileWaitStep(id, step);
    case 'notify':
      return compileNotifyStep(id, step);
    case 'choice':
      return compileChoiceStep(id, step);
    case 'parallel':
      return compileParallelStep(id, step, compileStep);
    case 'final':
      return compileFinalStep(id, step);
  }
}
