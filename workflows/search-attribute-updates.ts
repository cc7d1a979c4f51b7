import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { CompiledSop } from '../engine/model/compiled';
import type { ProjectView } from './project-view';
import {
  SOP_CURRENT_STEP,
  SOP_ID,
  SOP_LEAD_DEPARTMENT,
  SOP_NEXT_DEADLINE,
  SOP_OVERDUE,
  SOP_STATUS,
  SOP_VERSION,
} from './search-attributes';

/**
 * A project's lead department: the kickoff input's `leadDepartment` when it has one, else the
 * SOP's owning department.
 *
 * @example
 * leadDepartmentOf(compiled, { leadDepartment: 'rnd' }); // 'rnd'
 */
export function leadDepartmentOf(compiled: CompiledSop, input: Readonly<Record<string, unknown>>): string {
  return typeof input.leadDepartment === 'string' ? input.leadDepartment : compiled.document.owner;
}

/** The search attribute values that describe a project now. */
export function searchAttributeUpdates(
  compiled: CompiledSop,
  view: ProjectView,
  start: { readonly input: Readonly<Record<string, unknown>> },
): SearchAttributeUpdatePair[] {
  const lead = leadDepartmentOf(compiled, start.input);
  return [
    { key: SOP_ID, value: compiled.sopId },
    { key: SOP_VERSION, value: compiled.version },
    { key: SOP_STATUS, value: view.status },
    { key: SOP_CURRENT_STEP, value: view.activeSteps.map((s) => s.id) },
    { key: SOP_LEAD_DEPARTMENT, value: lead },
    { key: SOP_NEXT_DEADLINE, value: view.nextDeadline ? new Date(view.nextDeadline) : null },
    { key: SOP_OVERDUE, value: view.overdue },
  ];
}
