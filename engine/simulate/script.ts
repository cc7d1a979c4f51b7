import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Problem } from '../model/problem';
import { parseDuration, type Duration } from '../time';

/** When an event happens: relative to the simulated clock (`+2h`) or at an absolute time. */
export type ScriptTime = { readonly relative: Duration } | { readonly absolute: number };

/** One line of an event script. */
export type ScriptEntry =
  | {
      readonly kind: 'event';
      readonly line: number;
      readonly at?: ScriptTime;
      readonly event: string;
      readonly as?: string;
      readonly data?: unknown;
      readonly task?: string;
      readonly status?: string;
      readonly comment?: string;
      readonly step?: string;
      /** The author expects the engine to refuse this event. */
      readonly expectRejected: boolean;
    }
  | { readonly kind: 'advance'; readonly line: number; readonly by: Duration };

/** A simulation script: when the project starts, its kickoff input, then events and time jumps. */
export interface EventScript {
  readonly start: number;
  readonly input: Record<string, unknown>;
  readonly entries: readonly ScriptEntry[];
}

const EVENT_KEYS = ['at', 'event', 'as', 'data', 'task', 'status', 'comment', 'step', 'expect'];

/**
 * Parses an event script (YAML):
 *
 * @example
 * start: 2026-12-01T09:00:00+08:00
 * input: { projectName: Aurora, initiator: zhao.lei, projectManager: sun.peng, members: [li.na] }
 * events:
 *   - { at: +2h, event: submit, as: zhao.lei, data: { goals: … } }
 *   - advance: 3d
 *   - { event: task.update, as: wu.xiaoming, task: t1, status: done }
 */
export function parseEventScript(text: string, file: string): { script?: EventScript; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const problems: Problem[] = [];
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  const problem = (offset: number | undefined, path: string, message: string, hint?: string) =>
    problems.push({
      code: 'SCRIPT_INVALID',
      severity: 'error',
      file,
      ...at(offset),
      path,
      message,
      ...(hint ? { hint } : {}),
    });
  for (const error of doc.errors) problem(error.pos[0], '', error.message);
  if (problems.length > 0) return { problems };
  const root = doc.contents;
  if (!isMap(root)) {
    problem(0, '', 'an event script must be a mapping with start, input and events');
    return { problems };
  }
  const startValue = doc.get('start');
  const startText = typeof startValue === 'string' ? startValue : '';
  const start = Date.parse(startText);
  if (Number.isNaN(start)) {
    problem(
      0,
      '/start',
      `'start' must be an ISO date-time with offset, got '${startText}'`,
      'e.g. start: 2026-12-01T09:00:00+08:00',
    );
  }
  // Resolve aliases (`*request`) once, over the whole document, with a cap against alias bombs.
  const js = doc.toJS({ maxAliasCount: 50 }) as { input?: unknown; events?: unknown[] };
  const input = js.input ?? {};
  const eventsNode = root.get('events', true);
  const entries: ScriptEntry[] = [];
  if (eventsNode !== undefined && !isSeq(eventsNode)) problem(0, '/events', "'events' must be a list");
  const items = isSeq(eventsNode) ? eventsNode.items : [];
  items.forEach((item, index) => {
    const offset = (item as { range?: [number] }).range?.[0];
    const line = at(offset).line;
    const path = `/events/${index}`;
    const value = js.events?.[index] as Record<string, unknown> | undefined;
    if (!value || typeof value !== 'object') return problem(offset, path, 'each entry must be a mapping');
    if ('advance' in value) {
      const parsed = parseDuration(String(value.advance));
      if (!parsed.ok) return problem(offset, path, `advance: ${parsed.message}`, parsed.hint);
      return entries.push({ kind: 'advance', line, by: parsed.value });
    }
    const unknown = Object.keys(value).filter((k) => !EVENT_KEYS.includes(k));
    if (unknown.length > 0) {
      return problem(
        offset,
        path,
        `unsupported key '${unknown[0]}'`,
        `supported keys are: advance, ${EVENT_KEYS.join(', ')}`,
      );
    }
    if (typeof value.event !== 'string')
      return problem(offset, path, "an entry needs 'event' (or 'advance')");
    let when: ScriptTime | undefined;
    if (value.at !== undefined) {
      const text = typeof value.at === 'string' || typeof value.at === 'number' ? String(value.at) : '';
      if (text.startsWith('+')) {
        const parsed = parseDuration(text.slice(1));
        if (!parsed.ok) return problem(offset, path, `at: ${parsed.message}`, parsed.hint);
        when = { relative: parsed.value };
      } else {
        const absolute = Date.parse(text);
        if (Number.isNaN(absolute))
          return problem(offset, path, `at: '${text}' is neither '+<duration>' nor an ISO date-time`);
        when = { absolute };
      }
    }
    entries.push({
      kind: 'event',
      line,
      event: value.event,
      expectRejected: value.expect === 'rejected',
      ...(when ? { at: when } : {}),
      ...(typeof value.as === 'string' ? { as: value.as } : {}),
      ...(value.data !== undefined ? { data: value.data } : {}),
      ...(typeof value.task === 'string' || typeof value.task === 'number'
        ? { task: String(value.task) }
        : {}),
      ...(typeof value.status === 'string' ? { status: value.status } : {}),
      ...(typeof value.comment === 'string' ? { comment: value.comment } : {}),
      ...(typeof value.step === 'string' ? { step: value.step } : {}),
    });
  });
  if (problems.length > 0) return { problems };
  return { script: { start, input: input as Record<string, unknown>, entries }, problems };
}
