/**
 * Rate-limit rules as operators write them (`60/min`, `500/15min`, `off`) and as the 429 detail
 * says them ("per minute", "per 15 minutes").
 */

/** At most `limit` requests per `windowMs`. */
export interface RateLimitRule {
  readonly limit: number;
  readonly windowMs: number;
}

const UNIT_MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

const UNIT_NAMES: Record<string, Unit> = {
  s: 'second',
  sec: 'second',
  second: 'second',
  m: 'minute',
  min: 'minute',
  minute: 'minute',
  h: 'hour',
  hr: 'hour',
  hour: 'hour',
  d: 'day',
  day: 'day',
};

/** The shape accepted, for messages. */
export const RATE_RULE_EXAMPLES = '<count>/<window> like 60/min, 10/s, 1000/hour or 500/15min, or off';

/** The in-memory store's timers cannot wait longer than ~24.8 days; a day is plenty for a quota. */
const MAX_WINDOW_MS = UNIT_MS.day;
const MAX_LIMIT = 1_000_000;

/**
 * Parses `<count>/<window>` (window: an optional number and a unit s/sec/second, m/min/minute,
 * h/hr/hour, d/day, plurals allowed) or `off`. Returns the rule, `'off'`, or a message saying
 * what is wrong.
 *
 * @example
 * parseRateRule('60/min'); // { limit: 60, windowMs: 60000 }
 * parseRateRule('500/15min'); // { limit: 500, windowMs: 900000 }
 * parseRateRule('off'); // 'off'
 * parseRateRule('60 per minute'); // { error: 'must be <count>/<window> like 60/min, …' }
 */
export function parseRateRule(text: string): RateLimitRule | 'off' | { readonly error: string } {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'off') return 'off';
  const match = /^(\d+)\s*\/\s*(\d+)?\s*([a-z]+)$/.exec(trimmed);
  const unitName = match?.[3] ?? '';
  const unit = UNIT_NAMES[unitName] ?? UNIT_NAMES[unitName.replace(/s$/, '')];
  if (!match || !unit) return { error: `must be ${RATE_RULE_EXAMPLES}` };
  const limit = Number(match[1]);
  const windowMs = Number(match[2] ?? 1) * UNIT_MS[unit];
  if (limit < 1 || limit > MAX_LIMIT) {
    return { error: `the count must be from 1 to ${MAX_LIMIT} (use off to disable), e.g. 60/min` };
  }
  if (windowMs < UNIT_MS.second || windowMs > MAX_WINDOW_MS) {
    return { error: 'the window must be from 1 second to 1 day, e.g. 60/min or 5000/day' };
  }
  return { limit, windowMs };
}

/**
 * A window in words, for messages: the largest unit that divides it.
 *
 * @example
 * formatWindow(60_000); // 'minute'
 * formatWindow(900_000); // '15 minutes'
 * formatWindow(1_500); // '1500 ms'
 */
export function formatWindow(windowMs: number): string {
  for (const unit of ['day', 'hour', 'minute', 'second'] as const) {
    const count = windowMs / UNIT_MS[unit];
    if (Number.isInteger(count)) return count === 1 ? unit : `${count} ${unit}s`;
  }
  return `${windowMs} ms`;
}
