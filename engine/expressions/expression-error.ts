/**
 * Stable codes of {@link ExpressionError}; tools and tests match on these, never on the text.
 *
 * @example
 * ```ts
 * EXPRESSION_ERROR_CODES.includes('EXPRESSION_MISSING_KEY'); // true
 * ```
 */
export const EXPRESSION_ERROR_CODES = [
  /** The text is not valid CEL. */
  'EXPRESSION_SYNTAX',
  /** The text is longer than the allowed maximum. */
  'EXPRESSION_TOO_LONG',
  /** The expression nests deeper than the allowed maximum. */
  'EXPRESSION_TOO_DEEP',
  /** Operands of the wrong type (`1 + "a"`), or an unknown function. */
  'EXPRESSION_TYPE',
  /** A root variable other than the allowed ones. */
  'EXPRESSION_UNKNOWN_VARIABLE',
  /** A field the data does not have (yet), e.g. a form not submitted. */
  'EXPRESSION_MISSING_KEY',
  /** A condition produced something other than true or false. */
  'EXPRESSION_NOT_BOOLEAN',
  /** Any other failure while evaluating (division by zero, index out of range, …). */
  'EXPRESSION_EVALUATION',
] as const;

export type ExpressionErrorCode = (typeof EXPRESSION_ERROR_CODES)[number];

/**
 * An expression that could not be parsed or evaluated. The message starts with the code in
 * brackets, so logs and Temporal failures keep it even when the class is lost across realms
 * (tests should assert on `code`, not `instanceof`).
 *
 * @example
 * ```ts
 * const error = new ExpressionError('EXPRESSION_MISSING_KEY', "no field 'goal' in 'forms.requirement'", 'forms.requirement.goal');
 * error.message; // "[EXPRESSION_MISSING_KEY] no field 'goal' in 'forms.requirement' (in: forms.requirement.goal)"
 * ```
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';

  constructor(
    readonly code: ExpressionErrorCode,
    /** What went wrong, without the code. */
    readonly summary: string,
    /** The expression text. */
    readonly expression: string,
    /** 0-based character offset inside the expression, when known. */
    readonly offset?: number,
  ) {
    super(`[${code}] ${summary} (in: ${expression})`);
  }
}
