import type { DocumentPath } from '../loader/document-path';
import { suggest } from './check-context';
import { checkInputField } from './input-fields';
import type { ProblemReport, Report } from './reporter';
import { lookupField } from './schema-fields';
import { asMap, withArticle, type SopIndex } from './sop-index';

/** What `event.<x>` may read: the fields the runtime gives every event. */
const EVENT_FIELDS = ['type', 'data', 'actor', 'comment'];

/** The step kind whose results each root keeps, by step id. */
const STEP_ROOTS: Readonly<Record<string, string>> = { forms: 'form', tasks: 'tasks', approvals: 'approval' };

/**
 * Checks a field path read by a condition or a deadline (`input.cost`,
 * `forms.requirement.goals`, `tasks.progress`, `approvals.budget`, `event.data`): input fields
 * must be declared by the input schema (UNKNOWN_INPUT_FIELD); `forms.<id>`, `tasks.<id>`,
 * `approvals.<id>` must name a step of that kind, and form fields must be in the form's
 * schema (UNKNOWN_EXPRESSION_FIELD).
 *
 * @example
 * ```ts
 * checkFieldPath(index, report, ['forms', 'requirement', 'goal'], path, "the condition of route 1 of step 'route'");
 * ```
 */
export function checkFieldPath(
  index: SopIndex,
  report: Report,
  field: readonly string[],
  path: DocumentPath,
  usage: string,
  at?: ProblemReport['at'],
): void {
  const [root, first, ...rest] = field;
  const unknown = (message: string, hint: string) =>
    report({ code: 'UNKNOWN_EXPRESSION_FIELD', path, ...(at ? { at } : {}), message, hint });
  if (root === 'input') {
    if (first !== undefined) checkInputField(index, report, [first, ...rest], path, usage, at);
    return;
  }
  if (root === 'event') {
    if (first !== undefined && !EVENT_FIELDS.includes(first)) {
      unknown(
        `${usage} reads 'event.${first}', but events have no '${first}'`,
        suggest(first, EVENT_FIELDS, 'event fields'),
      );
    }
    return;
  }
  const kind = root === undefined ? undefined : STEP_ROOTS[root];
  if (root === undefined || kind === undefined || first === undefined) return;
  const steps = index.steps.filter((s) => s.kind === kind).map((s) => s.id);
  const step = index.stepsById.get(first);
  // A step whose own kind is missing or wrong is reported by the schema check; no echo here.
  if (step && step.kind === undefined) return;
  if (step?.kind !== kind) {
    unknown(
      step
        ? `${usage} reads '${root}.${first}', but step '${first}' is ${withArticle(step.kind ?? '')} step, not ${withArticle(kind)} step`
        : `${usage} reads '${root}.${first}', but there is no ${kind} step '${first}'`,
      suggest(first, steps, `the ${kind} steps`),
    );
    return;
  }
  if (root !== 'forms' || rest.length === 0 || typeof step.step.form !== 'string') return;
  const form = index.forms.get(step.step.form);
  const lookup = lookupField(asMap(form?.schema), rest);
  if (!form || lookup.found) return;
  unknown(
    `${usage} reads '${['forms', first, ...rest.slice(0, lookup.depth + 1)].join('.')}', but form '${step.step.form}' (of step '${first}') has no field '${lookup.missing}'`,
    suggest(lookup.missing, lookup.known, 'its fields'),
  );
}
