import type { ChannelSettings } from '../config/channel-config';
import type { ChannelDelivery, ChannelEnvironment, ChannelReport } from './channel-delivery';
import { deliverToDingTalk } from './dingtalk-channel';
import { deliverToEmail } from './email-channel';
import { deliverToFeishu } from './feishu-channel';
import { deliverToLog } from './log-channel';
import { deliverToSlack } from './slack-channel';
import { deliverToWeCom } from './wecom-channel';
import { deliverToWebhook } from './webhook-channel';

/**
 * Delivers one notification through one configured channel, by its type.
 *
 * @example
 * await deliverToChannel(config.channels.get('ops-feishu')!, delivery, env);
 */
export function deliverToChannel(
  settings: ChannelSettings,
  delivery: ChannelDelivery,
  env: ChannelEnvironment,
): Promise<ChannelReport> {
  switch (settings.type) {
    case 'log':
      return deliverToLog(settings, delivery, env);
    case 'webhook':
      return deliverToWebhook(settings, delivery, env);
    case 'email':
      return deliverToEmail(settings, delivery, env);
    case 'feishu':
      return deliverToFeishu(settings, delivery, env);
    case 'dingtalk':
      return deliverToDingTalk(settings, delivery, env);
    case 'wecom':
      return deliverToWeCom(settings, delivery, env);
    case 'slack':
      return deliverToSlack(settings, delivery, env);
  }
}
