import type { BusinessCalendar } from './calendar';
import type { SopDocument } from './sop';

/** Format tag of compiled SOPs; bump when the compiled shape changes. */
export const COMPILED_FORMAT = 'sop-compiled/v1';

/**
 * A compiled SOP: everything a project needs to run, as plain JSON, pinned at kickoff.
 * The machine refers to guards, actions and delays by name; `engine/runtime` implements them.
 */
export interface CompiledSop {
  readonly format: typeof COMPILED_FORMAT;
  readonly sopId: string;
  readonly version: string;
  readonly title: string;
  /** sha256 of the canonical JSON of `document` and `calendar`: the identity of this definition. */
  readonly hash: string;
  readonly timeZone: string;
  readonly calendar?: BusinessCalendar;
  readonly document: SopDocument;
  /** Every step id, in document order, with its parent step (parallel) and kind. */
  readonly steps: readonly CompiledStepInfo[];
  /** XState v5 machine config (JSON). */
  readonly machine: Readonly<Record<string, unknown>>;
}

export interface CompiledStepInfo {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  /** The parallel step this one sits in, if any. */
  readonly parallel?: string;
  readonly region?: string;
}
