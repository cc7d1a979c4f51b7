import { excerpt } from './expect-success';
import type { HttpReply } from './post-json';

/**
 * Chat platforms answer HTTP 200 even when they refuse a message (bad signature, keyword
 * missing, rate limit) and put the verdict in the body: Feishu `code`/`StatusCode`, DingTalk and
 * WeCom `errcode`, each 0 for success. This throws when that verdict is not 0, naming it.
 *
 * @example
 * checkBotAnswer({ status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' }, 'oapi.dingtalk.com');
 * // throws: 'oapi.dingtalk.com' refused the message: errcode 310000 (sign not match)
 */
export function checkBotAnswer(reply: HttpReply, host: string): void {
  let answer: unknown;
  try {
    answer = JSON.parse(reply.body);
  } catch {
    return; // Not JSON (Slack answers "ok"): the HTTP status already said enough.
  }
  if (typeof answer !== 'object' || answer === null) return;
  const fields = answer as Record<string, unknown>;
  for (const name of ['code', 'errcode', 'StatusCode']) {
    const value = fields[name];
    if (typeof value === 'number' && value !== 0) {
      const said = fields.msg ?? fields.errmsg ?? fields.StatusMessage;
      throw new Error(
        `'${host}' refused the message: ${name} ${value}${typeof said === 'string' ? ` (${said})` : ''}; answer: ${excerpt(reply.body)}`,
      );
    }
  }
}
