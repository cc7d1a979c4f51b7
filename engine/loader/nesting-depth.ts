/**
 * A cheap scan of YAML text, before parsing, for how deeply it nests within one line: open
 * flow brackets (`[[[[…`) plus compact block indicators on the line (`- - - x`, `a: b: c:`,
 * `? ? x`). Parsers take time and memory that grow badly with such nesting (hundreds of
 * thousands of `[` exhaust memory), while real SOPs never nest more than a handful of levels
 * inside a line. Nesting by indentation needs one line per level, so the size limit bounds it.
 */

/** The deepest nesting found, and the character offset where it was reached. */
export interface NestingDepth {
  readonly depth: number;
  readonly offset: number;
}

/**
 * Measures the in-line nesting depth of YAML text (see the module comment). Quoted strings
 * and comments are skipped, so brackets inside them do not count.
 *
 * @example
 * ```ts
 * measureNestingDepth('a: [1, [2, {b: 3}]]').depth; // 4
 * ```
 */
export function measureNestingDepth(text: string): NestingDepth {
  let flow = 0;
  let inLine = 0;
  let deepest: NestingDepth = { depth: 0, offset: 0 };
  let quote: '"' | "'" | undefined;

  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (quote === '"' && char === '\\') i++;
      else if (char === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
      continue;
    }
    if (char === '\n') {
      inLine = 0;
      continue;
    }
    const before = i === 0 ? '\n' : text[i - 1];
    const atTokenStart = before === undefined || /[\s[{,:]/.test(before);
    if (char === '#' && /\s/.test(before ?? '\n')) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end - 1;
      continue;
    }
    if ((char === '"' || char === "'") && atTokenStart) {
      quote = char;
      continue;
    }
    if (char === '[' || char === '{') flow++;
    else if ((char === ']' || char === '}') && flow > 0) flow--;
    else if (flow === 0 && isBlockIndicator(text, i)) inLine++;
    else continue;
    if (flow + inLine > deepest.depth) deepest = { depth: flow + inLine, offset: i };
  }
  return deepest;
}

/** `- ` and `? ` at the start of a token, and `: ` after a key, each open one level. */
function isBlockIndicator(text: string, i: number): boolean {
  const char = text[i];
  const after = text[i + 1];
  const followedBySpace = after === undefined || after === ' ' || after === '\n' || after === '\r';
  if (!followedBySpace) return false;
  if (char === ':') return true;
  if (char !== '-' && char !== '?') return false;
  const before = i === 0 ? ' ' : text[i - 1];
  return before === ' ' || before === '\n' || before === '\t';
}
