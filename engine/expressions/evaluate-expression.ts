import { fromCelValue, toCelValue } from './cel-values';
import { ExpressionError, type ExpressionErrorCode } from './expression-error';
import { EXPRESSION_ROOTS } from './expression-roots';
import { parseExpression, type ParsedExpression } from './parse-expression';

/** The variables an expression reads; missing roots count as empty (nothing submitted yet). */
export type ExpressionVariables = Readonly<Record<string, unknown>>;

/**
 * Evaluates a CEL expression (text, parsed on first use and cached, or a {@link ParsedExpression})
 * against the project's variables. Integral numbers in `vars` are CEL ints; BigInt results come
 * back as numbers. Failures throw an {@link ExpressionError} with a stable code, e.g.
 * `EXPRESSION_MISSING_KEY` when the data lacks a field the expression reads.
 *
 * @example
 * ```ts
 * evaluateExpression('input.cost * 2', { input: { cost: 3000 } }); // 6000
 * evaluateExpression('forms.requirement.goal', { forms: {} }); // throws ExpressionError EXPRESSION_MISSING_KEY
 * ```
 */
export function evaluateExpression(expr: ParsedExpression | string, vars: ExpressionVariables): unknown {
  const parsed = typeof expr === 'string' ? parseOrThrow(expr) : expr;
  const context: Record<string, unknown> = {};
  for (const root of EXPRESSION_ROOTS) context[root] = toCelValue(vars[root] ?? {});
  let result: unknown;
  try {
    result = parsed.program(context);
  } catch (error) {
    throw toExpressionError(error, parsed.text);
  }
  return fromCelValue(result);
}

/**
 * Evaluates a guard: the result must be a boolean, anything else is an `EXPRESSION_NOT_BOOLEAN`
 * {@link ExpressionError} (a guard that silently treats `"no"` as true would be worse).
 *
 * @example
 * ```ts
 * evaluateCondition('input.cost >= 5000', { input: { cost: 8000 } }); // true
 * evaluateCondition('input.cost', { input: { cost: 8000 } }); // throws EXPRESSION_NOT_BOOLEAN
 * ```
 */
export function evaluateCondition(expr: ParsedExpression | string, vars: ExpressionVariables): boolean {
  const result = evaluateExpression(expr, vars);
  if (typeof result === 'boolean') return result;
  const text = typeof expr === 'string' ? expr : expr.text;
  throw new ExpressionError(
    'EXPRESSION_NOT_BOOLEAN',
    `a condition must be true or false, but this one produced ${describeValue(result)}`,
    text,
  );
}

function parseOrThrow(text: string): ParsedExpression {
  const result = parseExpression(text);
  if (!result.ok) throw new ExpressionError(result.code, result.message, text, result.offset);
  return result.expression;
}

interface CelFailure {
  readonly code?: unknown;
  readonly summary?: unknown;
  readonly range?: { readonly start: number; readonly end: number };
  readonly node?: { readonly op?: unknown; readonly args?: unknown; readonly input?: unknown };
}

const CEL_CODES: Readonly<Record<string, ExpressionErrorCode>> = {
  no_such_key: 'EXPRESSION_MISSING_KEY',
  unknown_variable: 'EXPRESSION_UNKNOWN_VARIABLE',
  no_such_overload: 'EXPRESSION_TYPE',
  no_matching_overload: 'EXPRESSION_TYPE',
};

function toExpressionError(error: unknown, text: string): ExpressionError {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as CelFailure;
  const code = (typeof failure.code === 'string' && CEL_CODES[failure.code]) || 'EXPRESSION_EVALUATION';
  const summary = typeof failure.summary === 'string' ? failure.summary : String(error);
  const offset = failure.range?.start;
  if (code === 'EXPRESSION_MISSING_KEY') {
    return new ExpressionError(code, describeMissingKey(failure, text, summary), text, offset);
  }
  return new ExpressionError(code, summary.charAt(0).toLowerCase() + summary.slice(1), text, offset);
}

/** "No such key: goal" → "'forms.requirement' has no field 'goal' (not filled in yet?)". */
function describeMissingKey(failure: CelFailure, text: string, summary: string): string {
  const key = summary.replace(/^No such key: /, '');
  const node = failure.node;
  const owner = Array.isArray(node?.args)
    ? (node.args[0] as { start?: unknown; end?: unknown } | undefined)
    : undefined;
  if (owner && typeof owner.start === 'number' && typeof owner.end === 'number') {
    const ownerText = text.slice(owner.start, owner.end);
    return `'${ownerText}' has no field '${key}' (not filled in yet, or misspelt?)`;
  }
  return `the data has no field '${key}' (not filled in yet, or misspelt?)`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'object') return 'a map';
  return `a value of type ${typeof value}`;
}
