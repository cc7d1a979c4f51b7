import stringify from 'safe-stable-stringify';

/*
 * Keys sorted, no whitespace, and a thrown error instead of a silent rewrite for anything JSON
 * cannot carry (NaN, bigint, cycles): a hash must never cover a value that reads back
 * differently from an export.
 */
const canonicalStringify = stringify.configure({
  deterministic: true,
  strict: true,
  bigint: false,
  circularValue: TypeError,
});

/**
 * The canonical JSON text of a value: object keys in code-point order at every depth, no
 * whitespace, `undefined` properties left out. Equal values always give equal text, whatever
 * order their keys were written in, which is what makes hashes reproducible from exports.
 *
 * @example
 * canonicalJson({ b: 1, a: { d: 2, c: 3 } }); // => '{"a":{"c":3,"d":2},"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalStringify(value);
  if (text === undefined) throw new TypeError(`cannot write ${typeof value} as JSON`);
  return text;
}

/**
 * Canonical JSON with two-space indentation, for exports people read.
 *
 * @example
 * canonicalJsonPretty({ b: 1, a: 2 }); // => '{\n  "a": 2,\n  "b": 1\n}'
 */
export function canonicalJsonPretty(value: unknown): string {
  const text = canonicalStringify(value, null, 2);
  if (text === undefined) throw new TypeError(`cannot write ${typeof value} as JSON`);
  return text;
}
