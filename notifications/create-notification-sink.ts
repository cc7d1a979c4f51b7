import type { OrgDirectory } from '../engine/model/org';
import type { Effect } from '../engine/runtime/effects';
import type { ChannelEnvironment } from './channels/channel-delivery';
import { writeEffectLine } from './channels/log-channel';
import type { ChannelConfig } from './config/channel-config';
import type { DeliveryProgress, DeliveryReport } from './delivery-report';
import { deliverNotification } from './deliver-notification';
import type { ResolveHost } from './security/outbound-url';

/** What the worker's notification sink is built from. */
export interface NotificationSinkOptions {
  readonly config: ChannelConfig;
  /** The org directory (names and emails of recipients). */
  readonly org?: OrgDirectory;
  /** Where the log channel writes; each line ends with a newline (default: stdout). */
  readonly writeLine?: (line: string) => void;
  /** The clock for signature timestamps (default: `Date.now`). */
  readonly now?: () => number;
  /** DNS resolution (default: the system resolver). */
  readonly resolve?: ResolveHost;
}

/** The sink interface `workflows/activities/deliver-effect.ts` expects (structurally). */
export interface NotificationSink {
  deliver(
    projectId: string,
    idempotencyKey: string,
    effect: Effect,
    progress?: DeliveryProgress,
  ): Promise<DeliveryReport>;
}

/**
 * The worker's effect sink: `notify` effects go to their channels (see
 * {@link deliverNotification}), `record` effects to the log only.
 *
 * @example
 * const sink = createNotificationSink({ config: loadChannelConfig(file), org });
 * createProjectWorker({ connection, sink });
 */
export function createNotificationSink(options: NotificationSinkOptions): NotificationSink {
  const env: ChannelEnvironment = {
    policy: options.config,
    now: options.now ?? Date.now,
    writeLine: options.writeLine ?? ((line) => process.stdout.write(line)),
    ...(options.resolve ? { resolve: options.resolve } : {}),
  };
  const routing = { config: options.config, env, ...(options.org ? { org: options.org } : {}) };
  return {
    async deliver(projectId, idempotencyKey, effect, progress) {
      if (effect.kind === 'notify')
        return deliverNotification(routing, projectId, idempotencyKey, effect, progress);
      writeEffectLine(env.writeLine, projectId, `${idempotencyKey}:log`, effect);
      return { record: effect.id, channels: [{ channel: 'log', recipients: [], outcome: 'delivered' }] };
    },
  };
}
