import { suggest, type SopCheck } from '../check-context';
import { checkInputField } from '../input-fields';
import type { Report } from '../reporter';
import { asMap, withArticle, type SopIndex, type StepEntry } from '../sop-index';

/**
 * Form references: a form step's `form` is declared under `forms`; a tasks step's `tasksFrom`
 * and an approval's `subject` name a form step; `naming.projectField` is a kickoff input field.
 *
 * @example
 * ```ts
 * checkForms(indexSop(doc), report, {}); // UNKNOWN_FORM for `form: requirments`
 * ```
 */
export const checkForms: SopCheck = (index, report) => {
  const forms = [...index.forms.keys()];
  for (const entry of index.steps) {
    const { step, path } = entry;
    if (entry.kind === 'form' && typeof step.form === 'string' && !index.forms.has(step.form)) {
      report({
        code: 'UNKNOWN_FORM',
        path: [...path, 'form'],
        message: `step '${entry.id}' uses form '${step.form}', which is not declared under 'forms'`,
        hint: suggest(step.form, forms, 'the declared forms'),
      });
    }
    if (entry.kind === 'tasks') checkFormStepRef(index, entry, 'tasksFrom', report);
    if (entry.kind === 'approval') checkFormStepRef(index, entry, 'subject', report);
    const projectField = asMap(step.naming)?.projectField;
    if (entry.kind === 'tasks' && typeof projectField === 'string') {
      checkInputField(
        index,
        report,
        [projectField],
        [...path, 'naming', 'projectField'],
        `the task naming rule of step '${entry.id}'`,
      );
    }
  }
};

function checkFormStepRef(
  index: SopIndex,
  entry: StepEntry,
  key: 'tasksFrom' | 'subject',
  report: Report,
): void {
  const target = entry.step[key];
  if (typeof target !== 'string') return;
  const formSteps = index.steps.filter((s) => s.kind === 'form').map((s) => s.id);
  const named = index.stepsById.get(target);
  // A step whose own kind is missing or wrong is reported by the schema check; no echo here.
  if (named && named.kind === undefined) return;
  if (named?.kind === 'form') return;
  report({
    code: 'NOT_A_FORM_STEP',
    path: [...entry.path, key],
    message: named
      ? `'${key}' of step '${entry.id}' names '${target}', ${withArticle(named.kind ?? '')} step; it must name a form step, whose submission it reads`
      : `'${key}' of step '${entry.id}' names '${target}', which is not a step`,
    hint: suggest(target, formSteps, 'the form steps'),
  });
}
