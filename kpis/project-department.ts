/**
 * The department a project-level figure (a step's response time, the requirement response, a
 * step's escalation) is counted for: the project's lead department (主导方).
 */
import type { ProjectRecord } from './types';
import { UNKNOWN_DEPARTMENT } from './types';

/**
 * The project's lead department, by the same rule as the `SopLeadDepartment` search attribute:
 * the kickoff input's `leadDepartment` when it names one, else the SOP's owning department from
 * `sopOwners` (the YAML `owner`, which neither the view nor the history carries), else
 * `(unknown)`.
 *
 * @example
 * projectDepartment(record, { 'new-product-launch': 'marketing' }); // 'marketing'
 */
export function projectDepartment(
  record: ProjectRecord,
  sopOwners: Readonly<Record<string, string>> = {},
): string {
  const kickoff = record.history.find((e) => e.kind === 'kickoff');
  const input = kickoff?.input;
  if (typeof input === 'object' && input !== null && 'leadDepartment' in input) {
    const lead = input.leadDepartment;
    if (typeof lead === 'string' && lead !== '') return lead;
  }
  const sop = record.view.sop.id;
  // hasOwn: an SOP id such as 'constructor' must not read Object.prototype.
  return Object.hasOwn(sopOwners, sop) ? (sopOwners[sop] ?? UNKNOWN_DEPARTMENT) : UNKNOWN_DEPARTMENT;
}
