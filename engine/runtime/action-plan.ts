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
/** A notification may leave its channels to the SOP's default. */
export type EffectDraft =
  (Omit<Draft<NotifyEffect>, 'channels'> & { readonly channels?: readonly string[] }) | Draft<RecordEffect>;

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
  defaultChannels: readonly string[] = ['log'],
): { effects: Effect[]; seq: number } {
  let next = seq;
  const effects = drafts.map((draft): Effect => {
    next += 1;
    const id = `${draft.step}:${draft.kind === 'notify' ? draft.reason : draft.what}:${next}`;
    if (draft.kind === 'record') return { ...draft, id, at: now };
    return { ...draft, id, at: now, channels: draft.channels ?? defaultChannels };
  });
  return { effects, seq: next };
}

/** The `channels` a notification spec routes to, as a draft field (absent: the SOP's default). */
export function channelsOf(spec: { readonly channels?: readonly string[] } | undefined): {
  channels?: readonly string[];
} {
  return spec?.channels ? { channels: spec.channels } : {};
}
