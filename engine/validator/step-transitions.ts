import type { DocumentPath } from '../loader/document-path';
import { asMap, listItems, type RawMap, type StepEntry } from './sop-index';

/** A place where a step names another step. */
export interface TargetRef {
  readonly target: string;
  /** Path of the target text itself. */
  readonly path: DocumentPath;
  /** How the author wrote it: `next`, `onApprove`, `on 'cancel'`, `escalation goto` … */
  readonly via: string;
}

/** A CEL condition in a step. */
export interface GuardRef {
  readonly text: string;
  readonly path: DocumentPath;
  /** True for `on:` transitions, the only ones that have an `event`. */
  readonly hasEvent: boolean;
}

/** A transition as written in `on:`/`always:`: its map (or bare target text) and where. */
interface WrittenTransition {
  readonly spec: RawMap | string;
  readonly path: DocumentPath;
  readonly event?: string;
}

/**
 * Every step id a step can move to: `next`, `onApprove`/`onReject`/`onWithdraw`, `sendBackTo`, `onTimeout`, choice
 * `routes`/`otherwise`, `on:` and `always:` targets, and escalation `goto` (step-level and
 * task-level). Only text values are listed; other shapes are the schema check's business.
 *
 * @example
 * ```ts
 * listTargets(index.stepsById.get('requirement')!).map((t) => t.target); // ['breakdown', 'cancelled']
 * ```
 */
export function listTargets(entry: StepEntry): TargetRef[] {
  const { step, path } = entry;
  const targets: TargetRef[] = [];
  const add = (value: unknown, at: DocumentPath, via: string) => {
    if (typeof value === 'string') targets.push({ target: value, path: at, via });
  };
  for (const key of ['next', 'onApprove', 'onReject', 'onWithdraw', 'onTimeout', 'otherwise'])
    add(step[key], [...path, key], key);
  for (const [target, index] of listItems(step.sendBackTo)) {
    add(target, [...path, 'sendBackTo', index], 'sendBackTo');
  }
  for (const [route, index] of listItems(step.routes)) {
    add(asMap(route)?.target, [...path, 'routes', index, 'target'], `route ${index + 1}`);
  }
  for (const { spec, path: at, event } of listTransitions(entry)) {
    const via = event === undefined ? 'always' : `on '${event}'`;
    if (typeof spec === 'string') add(spec, at, via);
    else add(spec.target, [...at, 'target'], via);
  }
  const ladders: [unknown, DocumentPath][] = [
    [step.escalation, [...path, 'escalation']],
    [asMap(step.taskDefaults)?.escalation, [...path, 'taskDefaults', 'escalation']],
  ];
  for (const [ladder, at] of ladders) {
    for (const [rung, index] of listItems(ladder))
      add(asMap(rung)?.goto, [...at, index, 'goto'], 'escalation goto');
  }
  return targets;
}

/**
 * Every CEL condition of a step: `when` of `on:`/`always:` transitions and of choice routes.
 *
 * @example
 * ```ts
 * listGuards(entry); // [{ text: 'forms.request.cost < 10000', path: [..., 'routes', 0, 'when'], hasEvent: false }]
 * ```
 */
export function listGuards(entry: StepEntry): GuardRef[] {
  const guards: GuardRef[] = [];
  for (const { spec, path, event } of listTransitions(entry)) {
    if (typeof spec !== 'string' && typeof spec.when === 'string') {
      guards.push({ text: spec.when, path: [...path, 'when'], hasEvent: event !== undefined });
    }
  }
  for (const [route, index] of listItems(entry.step.routes)) {
    const when = asMap(route)?.when;
    if (typeof when === 'string')
      guards.push({ text: when, path: [...entry.path, 'routes', index, 'when'], hasEvent: false });
  }
  return guards;
}

/**
 * The transitions written under `on:` (each event: text, a map, or a list of maps) and
 * `always:`, with their paths.
 *
 * @example
 * ```ts
 * listTransitions(entry).map((t) => t.event); // ['cancel', undefined]
 * ```
 */
export function listTransitions(entry: StepEntry): WrittenTransition[] {
  const written: WrittenTransition[] = [];
  for (const [event, value] of Object.entries(asMap(entry.step.on) ?? {})) {
    const at = [...entry.path, 'on', event];
    if (typeof value === 'string') written.push({ spec: value, path: at, event });
    else if (Array.isArray(value)) {
      for (const [item, index] of listItems(value)) {
        const spec = asMap(item);
        if (spec) written.push({ spec, path: [...at, index], event });
      }
    } else {
      const spec = asMap(value);
      if (spec) written.push({ spec, path: at, event });
    }
  }
  for (const [item, index] of listItems(entry.step.always)) {
    const spec = asMap(item);
    if (spec) written.push({ spec, path: [...entry.path, 'always', index] });
  }
  return written;
}
