import type { ProjectStart, SopContext, SopEvent } from './context';

/**
 * The time of an event. The runtime stamps `at` on every event it delivers; the initial event
 * carries the project's start time in its input.
 */
export function nowOf(event: SopEvent, context: SopContext | undefined): number {
  if (typeof event.at === 'number') return event.at;
  const start = (event as { input?: ProjectStart }).input;
  if (start && typeof start.startedAt === 'number') return start.startedAt;
  if (context) return context.startedAt;
  throw new Error(`[EVENT_WITHOUT_TIME] event '${event.type}' has no 'at' timestamp`);
}
