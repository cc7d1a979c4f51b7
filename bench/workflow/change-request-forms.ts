/**
 * Hand-written checks of the two forms of the change-request SOP, the way a Temporal developer
 * without our engine would write them: a few lines per field, no JSON Schema library (ajv
 * generates code, which the workflow sandbox forbids). They accept exactly what the SOP's
 * `changeRequest` and `revisionDecision` schemas accept for the fields the path uses.
 */
const DEPARTMENTS = ['rnd', 'marketing', 'sales', 'service', 'finance', 'ops', 'it'];
const IMPACTS = ['low', 'medium', 'high'];
const DECISIONS = ['resubmit', 'withdraw'];

export interface ChangeRequestForm {
  readonly title: string;
  readonly reason: string;
  readonly impact: 'low' | 'medium' | 'high';
  readonly cost: number;
  readonly affectedDepartments: readonly string[];
  readonly desiredDate: string;
}

export interface RevisionForm {
  readonly decision: 'resubmit' | 'withdraw';
  readonly note?: string;
}

const isText = (value: unknown, max = Infinity): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= max;

/** A real calendar date written as YYYY-MM-DD (JSON Schema's `format: date`). */
function isDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/** What is wrong with a change request form, or an empty list. */
export function changeRequestProblems(data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return ['the change request must be an object'];
  const form = data as Record<string, unknown>;
  const problems: string[] = [];
  if (!isText(form.title, 100)) problems.push('title: 1 to 100 characters');
  if (!isText(form.reason)) problems.push('reason: required');
  if (!IMPACTS.includes(form.impact as string)) problems.push(`impact: one of ${IMPACTS.join(', ')}`);
  if (typeof form.cost !== 'number' || !Number.isFinite(form.cost) || form.cost < 0)
    problems.push('cost: a number, 0 or more');
  const affected = form.affectedDepartments;
  if (
    !Array.isArray(affected) ||
    affected.length === 0 ||
    new Set(affected).size !== affected.length ||
    !affected.every((d) => DEPARTMENTS.includes(d as string))
  )
    problems.push(`affectedDepartments: distinct departments out of ${DEPARTMENTS.join(', ')}`);
  if (!isDate(form.desiredDate)) problems.push('desiredDate: a date like 2027-01-10');
  return problems;
}

/** What is wrong with a revision decision form, or an empty list. */
export function revisionProblems(data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return ['the revision decision must be an object'];
  const form = data as Record<string, unknown>;
  const problems: string[] = [];
  if (!DECISIONS.includes(form.decision as string)) problems.push(`decision: one of ${DECISIONS.join(', ')}`);
  if (form.note !== undefined && typeof form.note !== 'string') problems.push('note: text');
  return problems;
}

/** The SOP's routing rule: a low-impact change under 10000 needs the department head alone. */
export function isMinorChange(form: ChangeRequestForm): boolean {
  return form.impact === 'low' && form.cost < 10000;
}
