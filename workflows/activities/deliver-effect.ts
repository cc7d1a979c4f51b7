import { Context } from '@temporalio/activity';
import type { Effect } from '../../engine/runtime/effects';

/** Where effects go. The log channel is the default; richer channels plug in here. */
export interface EffectSink {
  deliver(projectId: string, idempotencyKey: string, effect: Effect): Promise<void>;
}

/** Writes each effect as one JSON line: the default channel, always on. */
export const consoleSink: EffectSink = {
  deliver(projectId, idempotencyKey, effect) {
    process.stdout.write(`${JSON.stringify({ msg: 'sop.effect', projectId, idempotencyKey, ...effect })}\n`);
    return Promise.resolve();
  },
};

/**
 * Builds the activities of the project workflow around an effect sink. Every effect carries an
 * idempotency key (`<workflow id>:<effect id>`), stable across retries and replays, so a receiver
 * that dedupes never sees one twice.
 */
export function createActivities(sink: EffectSink = consoleSink) {
  return {
    async deliverEffect(effect: Effect): Promise<void> {
      const projectId = Context.current().info.workflowExecution?.workflowId ?? 'unknown-project';
      await sink.deliver(projectId, `${projectId}:${effect.id}`, effect);
    },
  };
}

export type ProjectActivities = ReturnType<typeof createActivities>;
