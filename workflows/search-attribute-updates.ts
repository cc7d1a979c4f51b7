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
 * The search attribute values that describe a project now. The lead department is the kickoff
 * input's `leadDepartment` when it has one, else the SOP's owning department.
 */
export function searchAttributeUpdates(
  compiled: CompiledSop,
  view: ProjectView,
  start: { readonly input: Readonly<Record<string, unknown>> },
): SearchAttributeUpdatePair[] {
  const lead =
    typeof start.input.leadDepartment === 'string' ? start.input.leadDepartment : compiled.document.owner;
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
