import type { ParseResult } from '@marcbachmann/cel-js';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, SOP_CEL_ENVIRONMENT } from './cel-environment';
import type { ExpressionErrorCode } from './expression-error';
import { EXPRESSION_ROOTS, isExpressionRoot } from './expression-roots';
import { measureDepth, readFields } from './read-fields';

/** A CEL expression parsed ahead of time, ready to evaluate many times. */
export interface ParsedExpression {
  /** The expression text as written in the SOP. */
  readonly text: string;
  /** The cel-js program: call it with the variables, or read its `ast`. */
  readonly program: ParseResult;
  /** Every member path read from the root variables, e.g. `[['input', 'cost']]`. */
  readonly fields: readonly (readonly string[])[];
  /** Where each of `fields` is first read (same order): 0-based offsets into `text`. */
  readonly fieldSpans: readonly { readonly start: number; readonly end: number }[];
  /** The root variables read, in order of first appearance (all of them in `EXPRESSION_ROOTS`). */
  readonly roots: readonly string[];
  /** The CEL type the expression produces as far as known ahead of time (`bool`, `int`, `dyn`, …). */
  readonly type: string;
}

/** Why an expression was refused; `offset`/`end` are 0-based character offsets into the text. */
export interface ExpressionParseFailure {
  readonly ok: false;
  readonly code: ExpressionErrorCode;
  readonly message: string;
  readonly offset: number;
  readonly end: number;
}

export type ParseExpressionResult =
  { readonly ok: true; readonly expression: ParsedExpression } | ExpressionParseFailure;

/** Parsed expressions by text. Bounded so a stream of distinct texts cannot grow it forever. */
const cache = new Map<string, ParseExpressionResult>();
const CACHE_LIMIT = 2000;

/**
 * Parses a CEL expression once (cached by text), refusing texts that are too long or too
 * deep, unknown root variables, and type mistakes visible ahead of time (`1 + "a"`, an unknown
 * function). Pure and deterministic: safe inside the Temporal workflow sandbox.
 *
 * @example
 * ```ts
 * const result = parseExpression('input.cost >= 5000 && forms.requirement.goal != ""');
 * if (result.ok) result.expression.fields; // [['input', 'cost'], ['forms', 'requirement', 'goal']]
 * parseExpression('input.cost >='); // { ok: false, code: 'EXPRESSION_SYNTAX', message: 'unexpected end of the expression', offset: 13, … }
 * ```
 */
export function parseExpression(text: string): ParseExpressionResult {
  const cached = cache.get(text);
  if (cached) return cached;
  const result = parseUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, result);
  return result;
}

function parseUncached(text: string): ParseExpressionResult {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    return fail(
      'EXPRESSION_TOO_LONG',
      `the expression is ${text.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}, split it into simpler conditions`,
      MAX_EXPRESSION_LENGTH,
      text.length,
    );
  }
  if (text.trim() === '') return fail('EXPRESSION_SYNTAX', 'the expression is empty', 0, 0);

  let program: ParseResult;
  try {
    program = SOP_CEL_ENVIRONMENT.parse(text);
  } catch (error) {
    return failFromCel(error, text, 'EXPRESSION_SYNTAX');
  }

  if (measureDepth(program.ast) > MAX_EXPRESSION_DEPTH) return failTooDeep(0, text.length);

  const { fields, spans, variables } = readFields(program.ast);
  const unknown = variables.find((v) => !isExpressionRoot(v.name));
  if (unknown) {
    return fail(
      'EXPRESSION_UNKNOWN_VARIABLE',
      `unknown variable '${unknown.name}'; expressions may read ${EXPRESSION_ROOTS.join(', ')}`,
      unknown.start,
      unknown.end,
    );
  }

  const checked = program.check();
  if (!checked.valid) return failFromCel(checked.error, text, 'EXPRESSION_TYPE');

  const expression: ParsedExpression = {
    text,
    program,
    fields: fields.map((path) => Object.freeze(path)),
    fieldSpans: spans,
    roots: variables.map((v) => v.name),
    type: checked.type ?? 'dyn',
  };
  return { ok: true, expression: Object.freeze(expression) };
}

function fail(
  code: ExpressionErrorCode,
  message: string,
  offset: number,
  end: number,
): ExpressionParseFailure {
  return { ok: false, code, message, offset, end: Math.max(offset, end) };
}

function failTooDeep(offset: number, end: number): ExpressionParseFailure {
  return fail(
    'EXPRESSION_TOO_DEEP',
    `the expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep; split it into simpler conditions`,
    offset,
    end,
  );
}

/** Turns a cel-js ParseError/TypeError into a failure with a readable message and its position. */
function failFromCel(error: unknown, text: string, fallback: ExpressionErrorCode): ExpressionParseFailure {
  const celError = error as { code?: unknown; summary?: unknown; range?: { start: number; end: number } };
  const offset = Math.min(celError.range?.start ?? 0, text.length);
  const end = Math.min(celError.range?.end ?? offset, text.length);
  if (celError.code === 'limit_exceeded') return failTooDeep(offset, end);
  const summary = typeof celError.summary === 'string' ? celError.summary : String(error);
  return fail(fallback, describeCelMessage(summary), offset, end);
}

/** cel-js speaks to programmers; operations staff read these, so say it in plain words. */
function describeCelMessage(summary: string): string {
  if (summary === 'Unexpected token: EOF' || summary.endsWith('got EOF')) {
    return 'unexpected end of the expression; something is missing at the end';
  }
  const unexpected = /^Unexpected (?:token|character): (.*)$/.exec(summary);
  if (unexpected) return `unexpected ${unexpected[1]}; check for a missing operator, quote or bracket`;
  const overload = /^found no matching overload for '(.+)'$/.exec(summary);
  if (overload) return `no function or method matches '${overload[1]}'; check its name and arguments`;
  const operator = /^no such overload: (.+)$/.exec(summary);
  if (operator) return `these values cannot be combined: ${operator[1]}`;
  return summary.charAt(0).toLowerCase() + summary.slice(1);
}
