/**
 * Names the compiled machine uses for timers and internal events. They are part of the recorded
 * history of running projects: never rename them once shipped.
 */
export const delayNames = {
  deadline: (step: string) => `${step}.deadline`,
  reminder: (step: string, index: number) => `${step}.reminder.${index}`,
  rung: (step: string, index: number) => `${step}.rung.${index}`,
  until: (step: string) => `${step}.until`,
};

export const internalEvents = {
  /** A repeating reminder of a step fires. */
  every: (step: string, index: number) => `sop.every.${step}.${index}`,
  /** A recurring obligation of a step fires. */
  recurring: (step: string, id: string) => `sop.recurring.${step}.${id}`,
  /** One of a task's timers fires (deadline, reminder, check-in, escalation rung). */
  taskTimer: (step: string) => `sop.taskTimer.${step}`,
};

/** XState target for a step id (every step node carries its step id as its XState id). */
export function targetOf(step: string): string {
  return `#${step}`;
}

/** Events people (or other systems) may send: everything that is not internal. */
export function isInternalEvent(type: string): boolean {
  return type.startsWith('sop.') || type.startsWith('xstate.');
}
