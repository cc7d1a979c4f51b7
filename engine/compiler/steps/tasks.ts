import type { TasksStep } from '../../model/sop';
import { addTransitions, type StateConfig } from '../machine-types';
import { internalEvents, targetOf } from '../../model/machine-names';
import { acceptsGuard, humanStepNode } from './human';

/** The task events a `tasks` step accepts, and the action that applies each. */
export const TASK_EVENTS = {
  'task.add': 'sop.addTask',
  'task.update': 'sop.updateTask',
  'task.acknowledge': 'sop.acknowledgeTask',
  'task.needsHelp': 'sop.flagNeedsHelp',
  'task.cancel': 'sop.cancelTask',
} as const;

/**
 * `tasks`: a task list built at run time (seeded from a form's `tasks` array on entry, extended
 * with `task.add`). Each task arms its own deadline, reminder and escalation timers as delayed
 * events; the step moves on when it has at least `minTasks` tasks and all are done or cancelled.
 */
export function compileTasksStep(id: string, step: TasksStep): StateConfig {
  const node = humanStepNode(id, step);
  node.entry = [...(node.entry ?? []), { type: 'sop.seedTasks', params: { step: id } }];
  node.exit = [{ type: 'sop.disarmTasks', params: { step: id } }, ...(node.exit ?? [])];
  const on = node.on ?? {};
  for (const [event, action] of Object.entries(TASK_EVENTS)) {
    addTransitions(on, event, [
      { guard: acceptsGuard(id, event), actions: [{ type: action, params: { step: id } }] },
    ]);
  }
  addTransitions(on, internalEvents.taskTimer(id), [
    { actions: [{ type: 'sop.taskTimer', params: { step: id } }] },
  ]);
  node.on = on;
  if (step.next) {
    node.always = [
      { guard: { type: 'sop.allTasksClosed', params: { step: id } }, target: targetOf(step.next) },
    ];
  }
  return node;
}
