import type { BusinessCalendar } from '../model/calendar';
import { COMPILED_FORMAT, type CompiledSop, type CompiledStepInfo } from '../model/compiled';
import type { SopDocument, StepsSpec } from '../model/sop';
import { hashOf } from './canonical-json';
import { compileStep } from './compile-step';
import type { StateConfig } from './machine-types';
import { CANCEL_TARGET } from './timers';
import { targetOf } from '../model/machine-names';

export interface CompileOptions {
  /** Business calendars by id; the SOP's `calendar` must be among them when it names one. */
  readonly calendars?: ReadonlyMap<string, BusinessCalendar>;
}

/** Thrown when a document cannot be compiled although it validated (e.g. its calendar is missing). */
export class CompileError extends Error {
  override readonly name = 'CompileError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`[${code}] ${message}`);
  }
}

function listSteps(steps: StepsSpec, out: CompiledStepInfo[], parallel?: string, region?: string): void {
  for (const [id, step] of Object.entries(steps)) {
    out.push({
      id,
      kind: step.kind,
      title: step.title ?? id,
      ...(parallel !== undefined ? { parallel } : {}),
      ...(region !== undefined ? { region } : {}),
    });
    if (step.kind === 'parallel') {
      for (const [name, spec] of Object.entries(step.regions)) listSteps(spec.steps, out, id, name);
    }
  }
}

/**
 * Compiles a validated SOP into a `CompiledSop`: the XState v5 machine config as plain JSON (guards,
 * actions and delays referenced by name) plus the document and calendar it needs at run time.
 * Deterministic: the same document and calendar always give byte-identical JSON.
 *
 * @example
 * const { document } = checkSopFile('sop-definitions/new-product-launch.yaml', options);
 * const compiled = compileSop(document!, { calendars });
 * JSON.stringify(compiled.machine); // serialisable
 */
export function compileSop(doc: SopDocument, options: CompileOptions = {}): CompiledSop {
  let calendar: BusinessCalendar | undefined;
  if (doc.calendar !== undefined) {
    calendar = options.calendars?.get(doc.calendar);
    if (!calendar) {
      const known = [...(options.calendars?.keys() ?? [])].join(', ') || 'none';
      throw new CompileError(
        'CALENDAR_NOT_FOUND',
        `SOP '${doc.id}' uses calendar '${doc.calendar}', which was not provided (known: ${known})`,
      );
    }
  }
  const states: Record<string, StateConfig> = {};
  for (const [id, step] of Object.entries(doc.steps)) states[id] = compileStep(id, step);
  resolveCancelTargets(doc, states);
  // No `context` here: it comes from the project's start input (engine/runtime/create-machine.ts).
  const machine = {
    id: doc.id,
    initial: doc.initial,
    states,
  };
  const steps: CompiledStepInfo[] = [];
  listSteps(doc.steps, steps);
  const pinned = calendar ? { document: doc, calendar } : { document: doc };
  return {
    format: COMPILED_FORMAT,
    sopId: doc.id,
    version: doc.version,
    title: doc.title,
    hash: hashOf(pinned),
    timeZone: doc.timeZone,
    ...(calendar ? { calendar } : {}),
    document: doc,
    steps,
    machine,
  };
}

/**
 * Points every `cancel: true` escalation rung at the SOP's first top-level final step whose outcome
 * is `cancelled` (the validator insists there is one when a rung cancels).
 */
function resolveCancelTargets(doc: SopDocument, states: Record<string, StateConfig>): void {
  const final = Object.entries(doc.steps).find(
    ([, step]) => step.kind === 'final' && step.outcome === 'cancelled',
  )?.[0];
  const visit = (node: StateConfig) => {
    for (const transitions of Object.values(node.after ?? {})) {
      for (const transition of transitions) {
        if (transition.target !== CANCEL_TARGET) continue;
        if (final === undefined) {
          throw new CompileError(
            'NO_CANCELLED_FINAL',
            `SOP '${doc.id}' cancels on escalation but has no final step with outcome 'cancelled'`,
          );
        }
        (transition as { target?: string }).target = targetOf(final);
      }
    }
    for (const child of Object.values(node.states ?? {})) visit(child);
  };
  for (const node of Object.values(states)) visit(node);
}
