import { parseExpression } from '../../expressions';
import { suggest, type SopCheck } from '../check-context';
import { describePath } from '../describe-path';
import { checkFieldPath } from '../field-references';
import type { Report } from '../reporter';
import type { SopIndex } from '../sop-index';
import { listGuards, type GuardRef } from '../step-transitions';
import { listDeadlineFields } from '../step-timing';
import { EXPRESSION_ROOTS } from '../../expressions';

/**
 * CEL conditions (`when:` of transitions and choice routes) must parse, produce true or
 * false, and read only what exists: declared input fields, form steps and their form fields,
 * tasks and approval steps, and `event` only in `on:` transitions. Problems inside an
 * expression point at the offending character. Deadline `at:` fields are checked the same way.
 *
 * @example
 * ```ts
 * checkExpressions(indexSop(doc), report, {}); // INVALID_EXPRESSION for `when: input.cost >=`
 * ```
 */
export const checkExpressions: SopCheck = (index, report) => {
  for (const entry of index.steps) {
    for (const guard of listGuards(entry)) checkGuard(index, guard, report);
  }
  for (const { text, path } of listDeadlineFields(index)) {
    const field = text.split('.');
    const usage = describePath(path.slice(0, -1), index.doc, 'the SOP');
    if (field[0] !== 'input' && field[0] !== 'forms') {
      report({
        code: 'INVALID_VALUE',
        path,
        message: `'at' of ${usage} is '${text}'; it must name a date field as input.<field> or forms.<step>.<field>`,
        hint: 'e.g. at: input.launchDate',
      });
      continue;
    }
    checkFieldPath(index, report, field, path, usage);
  }
};

function checkGuard(index: SopIndex, guard: GuardRef, report: Report): void {
  const usage = `the condition of ${describePath(guard.path.slice(0, -1), index.doc, 'the SOP')}`;
  const parsed = parseExpression(guard.text);
  if (!parsed.ok) {
    const isVariable = parsed.code === 'EXPRESSION_UNKNOWN_VARIABLE';
    const name = guard.text.slice(parsed.offset, parsed.end);
    report({
      code: isVariable ? 'UNKNOWN_EXPRESSION_FIELD' : 'INVALID_EXPRESSION',
      path: guard.path,
      at: { offset: parsed.offset },
      message: `${usage} is not valid: ${parsed.message}`,
      hint: isVariable
        ? suggest(name, EXPRESSION_ROOTS, 'the variables')
        : 'conditions are CEL, e.g. forms.request.cost >= 5000 && input.region == "east"',
    });
    return;
  }
  const { expression } = parsed;
  if (expression.type !== 'bool' && expression.type !== 'dyn') {
    report({
      code: 'INVALID_EXPRESSION',
      path: guard.path,
      message: `${usage} produces a value of type ${expression.type}, but a condition must be true or false`,
      hint: 'compare it with something, e.g. forms.request.cost > 0',
    });
  }
  expression.fields.forEach((field, i) => {
    const at = { offset: expression.fieldSpans[i]?.start ?? 0 };
    if (field[0] === 'event' && !guard.hasEvent) {
      report({
        code: 'EVENT_OUTSIDE_ON',
        path: guard.path,
        at,
        message: `${usage} reads '${field.join('.')}', but only 'on:' transitions are triggered by an event`,
        hint: 'read what the event left behind instead, e.g. forms.<step>.<field> or approvals.<step>',
      });
      return;
    }
    checkFieldPath(index, report, field, guard.path, usage, at);
  });
}
