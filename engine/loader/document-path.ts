/** A path into a parsed document: map keys and list indexes, e.g. `['steps', 'review', 'on', 'approve']`. */
export type DocumentPath = readonly (string | number)[];

/** A 1-based position in a source file. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * The JSON pointer of a path (`/steps/review/deadline`), as used in `Problem.path`.
 * `~` and `/` inside keys are escaped as JSON pointers require.
 *
 * @example
 * ```ts
 * toPointer(['steps', 'review', 'reminders', 0]); // '/steps/review/reminders/0'
 * ```
 */
export function toPointer(path: DocumentPath): string {
  return path.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * The path of a JSON pointer (as ajv reports it); numeric segments become list indexes.
 *
 * @example
 * ```ts
 * fromPointer('/steps/review/reminders/0'); // ['steps', 'review', 'reminders', 0]
 * ```
 */
export function fromPointer(pointer: string): (string | number)[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}
