/**
 * The outcome of parsing SOP text (a duration, a recurrence): the value, or what is wrong with
 * the text plus a hint saying what would be right. Parsers never throw on bad input, so the
 * validator can collect every problem of a file in one pass.
 *
 * @example
 * const result: ParseResult<number> = { ok: false, message: "'x' is not a number", hint: 'write e.g. 42' };
 */
export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string; readonly hint: string };

/**
 * A successful {@link ParseResult}.
 *
 * @example
 * succeed(3); // { ok: true, value: 3 }
 */
export function succeed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

/**
 * A failed {@link ParseResult}: `message` says what is wrong, `hint` what to write instead.
 *
 * @example
 * fail("'2 dayz' is not a duration", "write e.g. '2d' or '2 working days'");
 */
export function fail<T>(message: string, hint: string): ParseResult<T> {
  return { ok: false, message, hint };
}
