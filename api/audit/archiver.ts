import type { ApiDeps } from '../deps';
import { archiveClosedProjects } from './archive-closed';

/** How often closed projects are looked for: well within any retention period. */
export const DEFAULT_ARCHIVE_INTERVAL_MS = 60_000;

export interface Archiver {
  /** Runs one sweep now (also what the timer runs); resolves when it is done. */
  sweep(): Promise<void>;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * Archives closed projects' trails on a timer, one sweep at a time, logging what it archived
 * and what failed (a failure is retried on the next sweep).
 *
 * @example
 * const archiver = startArchiver(deps, logger);
 * await archiver.stop(); // on shutdown
 */
export function startArchiver(
  deps: ApiDeps,
  log: { info(o: object, m: string): void; error(o: object, m: string): void },
  intervalMs = DEFAULT_ARCHIVE_INTERVAL_MS,
): Archiver {
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = running.then(async () => {
      try {
        const { archived, failed } = await archiveClosedProjects(deps);
        if (archived.length > 0)
          log.info({ archived }, `archived the audit trails of ${archived.length} closed project(s)`);
        for (const failure of failed)
          log.error({ project: failure.id, err: failure.error }, 'could not archive a trail');
      } catch (error) {
        log.error({ err: error }, 'the archive sweep failed; it runs again on the next tick');
      }
    });
    return running;
  };
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  void sweep();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
