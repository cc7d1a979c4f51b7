/**
 * The public messages of the project workflow: its name, update, queries and search attributes.
 * These names are recorded in the history of running projects and used by other systems:
 * never rename them once shipped. Safe to import from Node code and from the workflow sandbox.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CompiledSop } from '../engine/model/compiled';
import type { Actor, ProjectStart } from '../engine/runtime/context';
import type { PersistedProject } from '../engine/runtime/driver';
import type { ProjectView } from './project-view';

/** The workflow type every project runs. */
export const PROJECT_WORKFLOW = 'sopProject';

/** The task queue the worker polls. */
export const DEFAULT_TASK_QUEUE = 'sop-projects';

/** What a project starts with: its pinned compiled SOP and its start. */
export interface ProjectArgs {
  readonly compiled: CompiledSop;
  /** Input, org snapshot and resolved participants; `startedAt` defaults to the workflow's start. */
  readonly start: Omit<ProjectStart, 'startedAt'> & { readonly startedAt?: number };
  /** Set when the project continues as new: where it was. */
  readonly resume?: PersistedProject;
  /** How deliveries of notifications are retried (defaults: 30 attempts, 1 s to 10 min apart). */
  readonly deliveryRetry?: {
    readonly maximumAttempts?: number;
    readonly initialInterval?: string;
    readonly maximumInterval?: string;
  };
}

/** A human (or system) action on a project, as the API sends it. */
export interface ActionRequest {
  /** Event name, e.g. `submit`, `approve`, `task.update`. */
  readonly type: string;
  readonly actor: Actor;
  readonly data?: unknown;
  readonly task?: string;
  readonly status?: string;
  readonly comment?: string;
  /** The step the action is for, when several active steps accept the same action (parallel steps). */
  readonly step?: string;
  /** Why the actor does this (kept in history for auditors). */
  readonly reason?: string;
}

/** What an accepted action led to. */
export interface ActionResult {
  readonly accepted: true;
  readonly status: string;
  readonly steps: readonly string[];
}

/** The failure type of a refused action; `details[0]` is the rejection `{ code, message }`. */
export const ACTION_REJECTED = 'ActionRejected';

/** The update every human action arrives as. Its validator refuses illegal actions before history. */
export const actUpdate = defineUpdate<ActionResult, [ActionRequest]>('act');

/** Ends a running project early, with the reason kept in history for auditors. */
export interface CancelRequest {
  readonly actor: Actor;
  readonly reason: string;
}

/** The update that cancels a project. Refused (before history) once the project has ended. */
export const cancelUpdate = defineUpdate<{ readonly status: 'cancelled' }, [CancelRequest]>('cancel');

/** The project's current state. */
export const stateQuery = defineQuery<ProjectView>('state');

/** How a project ended. */
export interface ProjectOutcome {
  readonly status: string;
  /** Why it was cancelled, when it was. */
  readonly reason?: string;
  readonly finalStep?: string;
  readonly outcome?: string;
}
