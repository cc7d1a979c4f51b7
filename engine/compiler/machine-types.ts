/**
 * The JSON shapes of the XState config the compiler emits. Deliberately narrower than XState's own
 * types: everything here must survive `JSON.stringify`.
 */
export interface ActionRef {
  readonly type: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface TransitionConfig {
  readonly target?: string;
  readonly guard?: ActionRef;
  readonly actions?: readonly ActionRef[];
  readonly reenter?: boolean;
}

export interface StateConfig {
  id?: string;
  type?: 'parallel' | 'final';
  initial?: string;
  entry?: ActionRef[];
  exit?: ActionRef[];
  on?: Record<string, TransitionConfig[]>;
  after?: Record<string, TransitionConfig[]>;
  always?: TransitionConfig[];
  onDone?: TransitionConfig[];
  states?: Record<string, StateConfig>;
  meta?: Record<string, unknown>;
  description?: string;
}

/** Appends transitions for an event, keeping earlier ones first (XState tries them in order). */
export function addTransitions(
  map: Record<string, TransitionConfig[]>,
  event: string,
  transitions: readonly TransitionConfig[],
): void {
  map[event] = [...(map[event] ?? []), ...transitions];
}
