/**
 * The variables a CEL expression in an SOP may read. Anything else is a mistake the validator
 * reports before a project ever runs.
 *
 * - `input`: the kickoff input of the project.
 * - `forms`: the latest submission per form step id (`forms.requirement.goals`).
 * - `tasks`: the task list per tasks step id (`tasks.progress`).
 * - `approvals`: the decision per approval step id (`approvals.budget.decision`).
 * - `event`: the event being handled (`event.data`, `event.actor`).
 *
 * @example
 * ```ts
 * EXPRESSION_ROOTS.includes('forms'); // true
 * ```
 */
export const EXPRESSION_ROOTS = ['input', 'forms', 'tasks', 'approvals', 'event'] as const;

/** One of {@link EXPRESSION_ROOTS}. */
export type ExpressionRoot = (typeof EXPRESSION_ROOTS)[number];

/**
 * True when `name` is one of the allowed root variables.
 *
 * @example
 * ```ts
 * isExpressionRoot('input'); // true
 * isExpressionRoot('inputs'); // false
 * ```
 */
export function isExpressionRoot(name: string): name is ExpressionRoot {
  return (EXPRESSION_ROOTS as readonly string[]).includes(name);
}
