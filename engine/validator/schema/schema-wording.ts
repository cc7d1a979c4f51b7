/**
 * Plain words for JSON values and JSON Schema types, for messages read by operations staff
 * rather than programmers ("text", "a list", not "string", "array").
 */

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: "a list (lines starting with '- ', or [a, b])",
  object: "a map of keys ('key: value' lines)",
  null: 'empty',
};

/**
 * What a JSON Schema type is called in messages.
 *
 * @example
 * ```ts
 * describeType('array'); // "a list (lines starting with '- ', or [a, b])"
 * ```
 */
export function describeType(type: string): string {
  return TYPE_WORDS[type] ?? type;
}

/**
 * How a value is shown in a message: short text in quotes, numbers as written, and only the
 * kind of a list or map (their content is on the line the message points at).
 *
 * @example
 * ```ts
 * describeValue('24 hourz'); // "'24 hourz'"
 * describeValue({ a: 1 }); // 'a map'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (the value is empty)';
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return JSON.stringify(value) ?? typeof value;
}

/**
 * An example value written the way it would appear in YAML, on one line.
 *
 * @example
 * ```ts
 * formatExample({ at: 'input.launchDate', before: '5 business days' }); // '{ at: input.launchDate, before: 5 business days }'
 * ```
 */
export function formatExample(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatExample).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => `${key}: ${formatExample(item)}`);
    return `{ ${entries.join(', ')} }`;
  }
  if (typeof value === 'string')
    return /^[\w./@ -]+$/.test(value) && value.trim() === value ? value : `'${value}'`;
  return JSON.stringify(value) ?? typeof value;
}
