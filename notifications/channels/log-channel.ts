import type { Effect } from '../../engine/runtime/effects';
import type { LogChannelSettings } from '../config/channel-config';
import type { ChannelReport, DeliverToChannel } from './channel-delivery';

/**
 * Writes an effect as one compact JSON line (`{"msg":"sop.effect",…}`): the default channel,
 * always on, and where `record` effects go. Log shippers pick the lines up from stdout.
 *
 * @example
 * writeEffectLine((l) => process.stdout.write(l), 'project-1', 'project-1:req:assigned:1:log', effect);
 */
export function writeEffectLine(
  writeLine: (line: string) => void,
  projectId: string,
  idempotencyKey: string,
  effect: Effect,
): void {
  writeLine(
    `${JSON.stringify({ msg: 'sop.effect', channel: 'log', projectId, idempotencyKey, ...effect })}\n`,
  );
}

/**
 * The `log` channel: never fails, never skips.
 *
 * @example
 * await deliverToLog({ type: 'log' }, delivery, env); // { channel: 'log', outcome: 'delivered', … }
 */
export const deliverToLog: DeliverToChannel<LogChannelSettings> = (_settings, delivery, env) => {
  writeEffectLine(env.writeLine, delivery.projectId, delivery.idempotencyKey, delivery.notification);
  const report: ChannelReport = {
    channel: delivery.channel,
    recipients: delivery.notification.to,
    outcome: 'delivered',
  };
  return Promise.resolve(report);
};
