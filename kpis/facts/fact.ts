/**
 * A fact: one measured event of one project, dated by the instant its measurement closes (a
 * completion, a first response, a submission, a rung firing). Dating by the closing instant
 * keeps a finished period's figures final: nothing that happens later can change them.
 */
import type { ProjectRecord } from '../types';
import type { TaskView } from '../../workflows/project-view';

interface FactBase {
  /** Epoch ms: what `from`/`to` filter on and what the period is cut from. */
  readonly at: number;
  readonly sop: string;
  readonly department: string;
}

/**
 * A task reached `done`.
 *
 * @example
 * const fact: CompletionFact = { kind: 'completion', at, sop: 'new-product-launch', department: 'rnd', onTime: true };
 */
export interface CompletionFact extends FactBase {
  readonly kind: 'completion';
  readonly onTime: boolean;
}

/**
 * An assignee's first action on a task or step.
 *
 * @example
 * const fact: ResponseFact = { kind: 'response', at, sop: 'new-product-launch', department: 'rnd', minutes: 90 };
 */
export interface ResponseFact extends FactBase {
  readonly kind: 'response';
  readonly minutes: number;
}

/**
 * The project's first form was submitted.
 *
 * @example
 * const fact: RequirementFact = { kind: 'requirement', at, sop: 'new-product-launch', department: 'marketing', hours: 3 };
 */
export interface RequirementFact extends FactBase {
  readonly kind: 'requirement';
  readonly hours: number;
}

/**
 * An escalation rung fired. `rung` is 1-based; absent when the rung notified nobody.
 *
 * @example
 * const fact: EscalationFact = { kind: 'escalation', at, sop, department: 'rnd', rung: 1, reassigned: false, autoAction: false };
 */
export interface EscalationFact extends FactBase {
  readonly kind: 'escalation';
  readonly rung?: number;
  readonly reassigned: boolean;
  readonly autoAction: boolean;
}

/**
 * Any fact.
 *
 * @example
 * const fact: KpiFact = { kind: 'completion', at: Date.now(), sop: 'new-product-launch', department: 'rnd', onTime: true };
 */
export type KpiFact = CompletionFact | ResponseFact | RequirementFact | EscalationFact;

/**
 * What every fact of one project shares.
 *
 * @example
 * const scope: ProjectScope = { record, sop: record.view.sop.id, department: projectDepartment(record) };
 */
export interface ProjectScope {
  readonly record: ProjectRecord;
  readonly sop: string;
  /** The project's lead department, for project-level facts. */
  readonly department: string;
}

/**
 * The task of `step` with id `task`, if the view has it.
 *
 * @example
 * findTask(scope, 'progress', 't1')?.leadDepartment; // 'rnd'
 */
export function findTask(scope: ProjectScope, step: string, task: string): TaskView | undefined {
  return scope.record.view.tasks.find((t) => t.id === task && t.step === step);
}
