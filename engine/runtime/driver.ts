import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { CompiledSop } from '../model/compiled';
import { activeSteps } from './active-steps';
import type { ProjectStart, SopContext, SopEvent } from './context';
import { createSopMachine } from './create-machine';
import { EFFECT_ACTION, type Effect } from './effects';
import { explainRejection } from './explain';
import type { Rejection } from './rules';

/** A delayed event waiting for its time. */
export interface PendingTimer {
  readonly id: string;
  readonly at: number;
  readonly event: SopEvent;
  /** Scheduling order, to fire timers due at the same instant in the order they were set. */
  readonly order: number;
}

/** What one step of the machine did. */
export interface Turn {
  readonly event: SopEvent;
  readonly effects: readonly Effect[];
  readonly stepsBefore: readonly string[];
  readonly stepsAfter: readonly string[];
  readonly status: AnyMachineSnapshot['status'];
}

/** The project refused an event; `reason` says why in words a person can act on. */
export class RejectedActionError extends Error {
  override readonly name = 'RejectedActionError';
  constructor(
    readonly event: SopEvent,
    readonly rejection: Rejection,
  ) {
    super(`[${rejection.code}] ${event.type}: ${rejection.message}`);
  }
}

/** Everything needed to resume a project elsewhere (continue-as-new): plain JSON. */
export interface PersistedProject {
  readonly value: unknown;
  readonly context: SopContext;
  readonly timers: readonly PendingTimer[];
  readonly order: number;
}

interface RaiseParams {
  event: SopEvent;
  id?: string;
  delay?: number;
}

/**
 * Drives one project's compiled machine with XState's pure functions and keeps its pending
 * timers. The simulator runs it on a virtual clock; the durable workflow runs the same driver and
 * turns pending timers into Temporal timers, so both see exactly the same steps and effects.
 */
export class ProjectDriver {
  readonly machine: AnyStateMachine;
  private current: AnyMachineSnapshot | undefined;
  private readonly timers = new Map<string, PendingTimer>();
  private order = 0;

  constructor(readonly compiled: CompiledSop) {
    this.machine = createSopMachine(compiled);
  }

  get snapshot(): AnyMachineSnapshot {
    if (!this.current) throw new Error('[NOT_STARTED] the project has not been started');
    return this.current;
  }

  /** Pending timers, earliest first. */
  pending(): PendingTimer[] {
    return [...this.timers.values()].sort((a, b) => a.at - b.at || a.order - b.order);
  }

  start(start: ProjectStart): Turn {
    const init: SopEvent = { type: 'xstate.init', at: start.startedAt };
    const [snapshot, actions] = initialTransition(this.machine, start);
    return this.apply(init, [], snapshot as AnyMachineSnapshot, actions, start.startedAt);
  }

  /** The project's state and pending timers as JSON, to carry across continue-as-new. */
  persist(): PersistedProject {
    return {
      value: this.snapshot.value,
      context: this.snapshot.context as SopContext,
      timers: this.pending(),
      order: this.order,
    };
  }

  /** Resumes a project persisted with `persist()`, with its pending timers. */
  static restore(compiled: CompiledSop, persisted: PersistedProject): ProjectDriver {
    const driver = new ProjectDriver(compiled);
    driver.current = driver.machine.resolveState({
      value: persisted.value as never,
      context: persisted.context,
    }) as AnyMachineSnapshot;
    for (const timer of persisted.timers) driver.timers.set(timer.id, timer);
    driver.order = persisted.order;
    return driver;
  }

  /** Why the project would refuse this event now, or `undefined`. */
  explain(event: SopEvent): Rejection | undefined {
    return explainRejection(this.compiled, this.snapshot, event);
  }

  /** Delivers a human or system event; refuses it (throwing) when the project does not accept it. */
  send(event: SopEvent): Turn {
    if (typeof event.at !== 'number')
      throw new Error(`[EVENT_WITHOUT_TIME] event '${event.type}' has no 'at'`);
    const rejection = this.explain(event);
    if (rejection !== undefined) throw new RejectedActionError(event, rejection);
    return this.deliver(event, event.at);
  }

  /** Fires a pending timer at its own time. */
  fire(timer: PendingTimer): Turn {
    this.timers.delete(timer.id);
    return this.deliver({ ...timer.event, at: timer.at }, timer.at);
  }

  private deliver(event: SopEvent, now: number): Turn {
    const before = activeSteps(this.compiled, this.snapshot.value);
    const [snapshot, actions] = transition(this.machine, this.snapshot, event);
    return this.apply(event, before, snapshot as AnyMachineSnapshot, actions, now);
  }

  private apply(
    event: SopEvent,
    before: string[],
    snapshot: AnyMachineSnapshot,
    actions: readonly { type: string; params?: unknown }[],
    now: number,
  ): Turn {
    this.current = snapshot;
    const effects: Effect[] = [];
    for (const action of actions) {
      if (action.type === EFFECT_ACTION) {
        effects.push((action.params as { effect: Effect }).effect);
      } else if (action.type === 'xstate.raise') {
        const params = action.params as RaiseParams;
        if (params.delay !== undefined && params.id !== undefined) {
          this.timers.delete(params.id);
          this.timers.set(params.id, {
            id: params.id,
            at: now + params.delay,
            event: params.event,
            order: this.order++,
          });
        }
      } else if (action.type === 'xstate.cancel') {
        this.timers.delete((action.params as { sendId: string }).sendId);
      }
    }
    if (snapshot.status !== 'active') this.timers.clear();
    return {
      event,
      effects,
      stepsBefore: before,
      stepsAfter: activeSteps(this.compiled, snapshot.value),
      status: snapshot.status,
    };
  }
}
