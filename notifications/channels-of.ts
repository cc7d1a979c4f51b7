import type { NotifyEffect } from '../engine/runtime/effects';
import { LOG_CHANNEL } from './config/channel-config';

/**
 * The channels a notification goes to, in order and without repeats: its `channels`, or `log`
 * when it names none (effects of projects that started before SOPs could route notifications).
 *
 * @example
 * channelsOf({ ...effect, channels: ['ops-feishu', 'log', 'ops-feishu'] }); // ['ops-feishu', 'log']
 * channelsOf(effectWithoutChannels); // ['log']
 */
export function channelsOf(effect: NotifyEffect): readonly string[] {
  const named = (effect as NotifyEffect & { readonly channels?: readonly string[] }).channels;
  const channels = [...new Set((named ?? []).filter((c) => typeof c === 'string' && c !== ''))];
  return channels.length > 0 ? channels : [LOG_CHANNEL];
}
