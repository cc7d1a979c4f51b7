import type { CompiledSop } from '../model/compiled';
import type { SopContext, SopEvent } from './context';
import type { Effect, NotifyEffect, RecordEffect } from './effects';

/** What an action handler sees. */
export interface ActionInput {
  readonly compiled: CompiledSop;
  readonly context: SopContext;
  readonly event: SopEvent;
  /** The event's time (epoch ms). */
  readonly now: number;
}

type Draft<T> = T extends unknown ? Omit<T, 'id' | 'at'> : never;
export type EffectDraft = Draft<NotifyEffect> | Draft<RecordEffect>;

/**
 * What an action handler decides, as data: context changes, effects, delayed events to schedule
 * or cancel, and events to raise at once. `bindAction` turns it into XState actions, so every
 * handler stays a pure function that is easy to test.
 */
export interface ActionPlan {
  readonly context?: Partial<{ -readonly [K in keyof SopContext]: SopContext[K] }>;
  readonly effects?: readonly EffectDraft[];
  readonly schedule?: readonly { readonly id: string; readonly event: SopEvent; readonly at: number }[];
  readonly cancel?: readonly string[];
  readonly raise?: readonly SopEvent[];
}

export type ActionHandler<P> = (input: ActionInput, params: P) => ActionPlan;

/** Gives each effect a project-unique, replay-stable id (`<step>:<reason or what>:<seq>`). */
export function stampEffects(
  drafts: readonly EffectDraft[],
  seq: number,
  now: number,
): { effects: Effect[]; seq: number } {
  let next = seq;
  const effects = drafts.map((draft): Effect => {
    next += 1;
    const label = draft.kind === 'notify' ? draft.reason : draft.what;
    return { ...draft, id: `${draft.step}:${label}:${next}`, at: now };
  });
  return { effects, seq: next };
}
