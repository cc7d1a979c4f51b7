import { attributeActions } from '../action-steps';
import { projectDepartment } from '../project-department';
import type { ProjectRecord } from '../types';
import { escalations } from './escalations';
import type { KpiFact, ProjectScope } from './fact';
import { requirementResponse } from './requirement-response';
import { responseTimes } from './response-times';
import { taskCompletions } from './task-completions';

/**
 * Every fact of one project: task completions, response times, the requirement response and
 * escalation rungs, each dated and labelled with its SOP and department.
 *
 * @example
 * projectFacts(record, { 'new-product-launch': 'marketing' }).filter((f) => f.kind === 'completion');
 */
export function projectFacts(record: ProjectRecord, sopOwners?: Readonly<Record<string, string>>): KpiFact[] {
  const scope: ProjectScope = {
    record,
    sop: record.view.sop.id,
    department: projectDepartment(record, sopOwners),
  };
  return [
    ...taskCompletions(scope),
    ...responseTimes(scope, attributeActions(record.view, record.history)),
    ...requirementResponse(scope),
    ...escalations(scope),
  ];
}
