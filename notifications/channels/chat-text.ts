import type { Recipient } from './channel-delivery';

/**
 * A chat message's text: the notification's message, then a line mentioning every recipient by
 * name. Group bots cannot @-mention by our user ids (each platform has its own), so the names
 * make it plain in the group who is meant.
 *
 * @example
 * composeChatText('需求表待填写', [{ id: 'li.na', name: '李娜' }]); // '需求表待填写\n@李娜'
 */
export function composeChatText(message: string, recipients: readonly Recipient[]): string {
  if (recipients.length === 0) return message;
  return `${message}\n${recipients.map((r) => `@${r.name}`).join(' ')}`;
}
