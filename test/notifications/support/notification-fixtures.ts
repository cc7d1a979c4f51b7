/** A notification, recipients and channel environments for channel tests. */
import type { NotifyEffect } from '../../../engine/runtime/effects';
import type { ChannelDelivery, ChannelEnvironment } from '../../../notifications/channels/channel-delivery';
import type { OutboundPolicy } from '../../../notifications/config/channel-config';
import { lookUpRecipients } from '../../../notifications/recipients';
import { shippedOrg } from '../../support/sop-fixtures';

/** 2026-01-05T01:00:00Z */
export const FIXED_NOW = Date.UTC(2026, 0, 5, 1, 0, 0);

export function notifyEffect(overrides: Partial<NotifyEffect> = {}): NotifyEffect {
  return {
    kind: 'notify',
    id: 'requirement:reminder:1',
    at: FIXED_NOW,
    reason: 'reminder',
    step: 'requirement',
    refs: ['initiator', 'pm'],
    to: ['he.yun', 'zhang.min'],
    message: '【提醒】项目需求表尚未提交\n请在今天 18:00 前填写目标、范围与里程碑。',
    channels: ['log'],
    ...overrides,
  };
}

export function deliveryFor(channel: string, effect: NotifyEffect = notifyEffect()): ChannelDelivery {
  return {
    channel,
    projectId: 'project-test',
    idempotencyKey: `project-test:${effect.id}:${channel}`,
    notification: effect,
    recipients: lookUpRecipients(shippedOrg(), effect.to),
    sop: 'new-product-launch',
  };
}

/** Loopback receivers are allowed by naming 127.0.0.1 exactly, as a test's channels.yaml would. */
export const LOOPBACK_POLICY: OutboundPolicy = { allowHosts: ['127.0.0.1'], allowPrivateNetworks: false };

export function testEnvironment(
  policy: OutboundPolicy = LOOPBACK_POLICY,
  lines: string[] = [],
): ChannelEnvironment {
  return { policy, now: () => FIXED_NOW, writeLine: (line) => lines.push(line) };
}
