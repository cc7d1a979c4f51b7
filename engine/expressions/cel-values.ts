/**
 * Conversions between the JSON-like values of a project and CEL values.
 *
 * CEL tells `int` from `double`; JavaScript does not. Integral numbers become CEL ints (BigInt)
 * so `input.count + 1` and `size(x) > input.minimum` behave as authors expect; other numbers
 * stay doubles. On the way out, ints become plain numbers again so results stay JSON.
 */

/**
 * Converts a JSON-like value into the value cel-js expects.
 *
 * @example
 * ```ts
 * toCelValue({ cost: 5000, rate: 0.5 }); // { cost: 5000n, rate: 0.5 }
 * ```
 */
export function toCelValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCelValue);
  if (isPlainObject(value)) {
    const converted: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // A key set to undefined is a key the data does not have: `has()` must say false.
      if (item !== undefined) converted[key] = toCelValue(item);
    }
    return converted;
  }
  return value;
}

/**
 * Converts a cel-js result back into a JSON-like value: BigInt (and CEL `uint`) → number,
 * maps → plain objects, recursively.
 *
 * @example
 * ```ts
 * fromCelValue([1n, { a: 2n }]); // [1, { a: 2 }]
 * ```
 */
export function fromCelValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(fromCelValue);
  if (value instanceof Map) {
    const converted: Record<string, unknown> = {};
    for (const [key, item] of value as Map<unknown, unknown>) converted[String(key)] = fromCelValue(item);
    return converted;
  }
  if (isPlainObject(value)) {
    const converted: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) converted[key] = fromCelValue(item);
    return converted;
  }
  if (isUnsignedInt(value)) return Number(value.value);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** cel-js represents `uint` as an object with a BigInt `value`. */
function isUnsignedInt(value: unknown): value is { value: bigint } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { constructor?: { name?: unknown } }).constructor?.name === 'UnsignedInt' &&
    typeof (value as { value?: unknown }).value === 'bigint'
  );
}
