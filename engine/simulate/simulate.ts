import type { CompiledSop } from '../model/compiled';
import type { OrgDirectory } from '../model/org';
import { ProjectDriver, type PendingTimer, type Turn } from '../runtime/driver';
import { timeContextOf } from '../runtime/deadlines';
import { resolveParticipants, snapshotOrg } from '../runtime/participants';
import { checkFormData } from '../runtime/form-data';
import type { Effect } from '../runtime/effects';
import type { SopEvent } from '../runtime/context';
import { addDuration, type Duration } from '../time';
import type { EventScript, ScriptEntry } from './script';

/** One line of the simulated timeline. */
export type TimelineEntry =
  | { readonly at: number; readonly kind: 'start'; readonly steps: readonly string[] }
  | {
      readonly at: number;
      readonly kind: 'event';
      readonly event: string;
      readonly actor?: string;
      readonly line: number;
      readonly task?: string;
    }
  | {
      readonly at: number;
      readonly kind: 'rejected';
      readonly event: string;
      readonly actor?: string;
      readonly line: number;
      readonly reason: string;
      readonly expected: boolean;
    }
  | { readonly at: number; readonly kind: 'timer'; readonly timer: string }
  | { readonly at: number; readonly kind: 'effect'; readonly effect: Effect }
  | {
      readonly at: number;
      readonly kind: 'steps';
      readonly from: readonly string[];
      readonly to: readonly string[];
    }
  | { readonly at: number; readonly kind: 'end'; readonly status: string; readonly steps: readonly string[] };

export interface SimulationResult {
  readonly timeline: readonly TimelineEntry[];
  /** Where the project stands when the script ends. */
  readonly status: string;
  readonly steps: readonly string[];
  /** Events the script expected to be accepted that were refused (and vice versa). */
  readonly surprises: number;
  readonly pending: readonly PendingTimer[];
}

/** Thrown when the script's kickoff input does not fit the SOP's input schema. */
export class SimulationInputError extends Error {
  override readonly name = 'SimulationInputError';
}

/** A readable name for a timer event: the SOP's delay name or the task timer it stands for. */
export function describeTimer(timer: PendingTimer): string {
  const after = /^xstate\.after\.(.+)\.[^.]+$/.exec(timer.event.type);
  if (after?.[1]) return after[1];
  if (timer.event.type.startsWith('sop.taskTimer.')) return timer.id;
  return timer.event.type.replace(/^sop\./, '');
}

/**
 * Runs a compiled SOP on a virtual clock from an event script and returns the timeline: every
 * event (accepted or refused, with the reason), every timer that fires, every notification and
 * record, every change of step. No server, no real time: an author tests an SOP in milliseconds.
 *
 * @example
 * const result = simulateSop(compiled, script, { org });
 * console.log(formatTimeline(result, compiled.timeZone));
 */
export function simulateSop(
  compiled: CompiledSop,
  script: EventScript,
  options: { org: OrgDirectory },
): SimulationResult {
  const inputSchema = compiled.document.input?.schema;
  if (inputSchema) {
    const problems = checkFormData(inputSchema, script.input);
    if (problems.length > 0)
      throw new SimulationInputError(`the kickoff input does not fit the SOP: ${problems.join('; ')}`);
  }
  const org = snapshotOrg(options.org);
  const people = resolveParticipants(compiled.document, org, script.input);
  const driver = new ProjectDriver(compiled);
  const timeline: TimelineEntry[] = [];
  const zone = timeContextOf(compiled);
  let clock = script.start;
  let surprises = 0;

  const record = (turn: Turn, at: number) => {
    for (const effect of turn.effects) timeline.push({ at, kind: 'effect', effect });
    if (turn.stepsBefore.join() !== turn.stepsAfter.join()) {
      timeline.push({ at, kind: 'steps', from: turn.stepsBefore, to: turn.stepsAfter });
    }
  };
  const runTimersUntil = (until: number) => {
    for (;;) {
      const next = driver.pending()[0];
      if (!next || next.at > until || driver.snapshot.status !== 'active') break;
      clock = Math.max(clock, next.at);
      timeline.push({ at: next.at, kind: 'timer', timer: describeTimer(next) });
      record(driver.fire(next), next.at);
    }
    clock = Math.max(clock, until);
  };
  const advance = (by: Duration) => addDuration(clock, by, zone);

  const first = driver.start({ input: script.input, startedAt: script.start, org, people });
  timeline.push({ at: script.start, kind: 'start', steps: first.stepsAfter });
  record(first, script.start);

  for (const entry of script.entries) {
    if (entry.kind === 'advance') {
      runTimersUntil(advance(entry.by));
      continue;
    }
    const at =
      entry.at === undefined
        ? clock
        : 'absolute' in entry.at
          ? entry.at.absolute
          : advance(entry.at.relative);
    runTimersUntil(at);
    const event = toEvent(entry, clock);
    const reason =
      driver.snapshot.status === 'active' ? driver.explain(event)?.message : 'the project has ended';
    if (reason !== undefined) {
      if (!entry.expectRejected) surprises++;
      timeline.push({
        at: clock,
        kind: 'rejected',
        event: entry.event,
        line: entry.line,
        reason,
        expected: entry.expectRejected,
        ...(entry.as ? { actor: entry.as } : {}),
      });
      continue;
    }
    if (entry.expectRejected) surprises++;
    timeline.push({
      at: clock,
      kind: 'event',
      event: entry.event,
      line: entry.line,
      ...(entry.as ? { actor: entry.as } : {}),
      ...(entry.task ? { task: entry.task } : {}),
    });
    record(driver.send(event), clock);
  }
  const pending = driver.snapshot.status === 'active' ? driver.pending() : [];
  const steps = lastSteps(timeline);
  timeline.push({ at: clock, kind: 'end', status: driver.snapshot.status, steps });
  return { timeline, status: driver.snapshot.status, steps, surprises, pending };
}

function lastSteps(timeline: readonly TimelineEntry[]): readonly string[] {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const entry = timeline[i];
    if (entry?.kind === 'steps') return entry.to;
    if (entry?.kind === 'start') return entry.steps;
  }
  return [];
}

function toEvent(entry: Extract<ScriptEntry, { kind: 'event' }>, at: number): SopEvent {
  return {
    type: entry.event,
    at,
    ...(entry.as ? { actor: { user: entry.as } } : {}),
    ...(entry.data !== undefined ? { data: entry.data } : {}),
    ...(entry.task !== undefined ? { task: entry.task } : {}),
    ...(entry.status !== undefined ? { status: entry.status } : {}),
    ...(entry.comment !== undefined ? { comment: entry.comment } : {}),
    ...(entry.step !== undefined ? { step: entry.step } : {}),
  } as SopEvent;
}
