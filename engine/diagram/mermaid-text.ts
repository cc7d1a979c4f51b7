/**
 * Text rules of Mermaid's `stateDiagram-v2` grammar: which characters a label may carry as they
 * are, and what a state id may look like. Mermaid's lexer accepts some broken input silently (a
 * `;` ends a label and starts a new statement; a label containing `[[choice]]` or `direction TB`
 * is read as a keyword), so every label goes through {@link escapeMermaidLabel}.
 */

/**
 * Characters written as Mermaid entity codes (`#35;`), which Mermaid decodes when it renders:
 * quotes end a state label, `;` ends a statement, `::` ends an edge label, `<`/`>` and `[`/`]`
 * spell `<<choice>>` and `[[fork]]`, `%` starts comments and directives, `#` starts an entity,
 * backticks are read as markdown, and `&` before `name;` as an HTML entity by the renderer.
 */
const ENCODED_CHARACTERS = /["#;:<>[\]{}%`\\]|&(?=#?\w+;)/g;

/** Line breaks and other control characters cannot appear inside a one-line statement. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

/** `direction TB` anywhere on a line is lexed as a direction statement, swallowing the line. */
const DIRECTION_WORDS = /(direction)(\s+)(?=(?:tb|bt|rl|lr)\b)/gi;

/** Words Mermaid's lexer reads as keywords when they stand where a state id is expected. */
const RESERVED_IDS = new Set([
  'accdescr',
  'acctitle',
  'as',
  'class',
  'classdef',
  'click',
  'default',
  'direction',
  'end',
  'hide',
  'href',
  'note',
  'scale',
  'state',
  'statediagram',
  'statediagram-v2',
]);

/**
 * Makes text safe inside a Mermaid state label (`state "…" as id`) or edge label (`a --> b : …`).
 * Characters the grammar would misread become entity codes, which Mermaid turns back into the
 * original characters when it renders; everything else (Chinese text included) stays as is.
 *
 * @example
 * escapeMermaidLabel('评审: "终稿"'); // => '评审#58; #34;终稿#34;'
 */
export function escapeMermaidLabel(text: string): string {
  return text
    .replace(CONTROL_CHARACTERS, ' ')
    .trim()
    .replace(ENCODED_CHARACTERS, (ch) => `#${ch.codePointAt(0)};`)
    .replace(DIRECTION_WORDS, (_match, word: string, spaces: string) => word + '#32;'.repeat(spaces.length));
}

/**
 * A Mermaid state id for a step id. Mermaid ids may not contain `-`, `:`, spaces or braces, must
 * not be a keyword, and must not look like the `<id>_start` / `<id>_end` pseudo-states Mermaid
 * makes for composite states; letters in any script, digits and `_` are kept.
 *
 * @example
 * toMermaidId('launch-prep'); // => 'launch_prep'
 * toMermaidId('note'); // => 'note_'
 */
export function toMermaidId(stepId: string): string {
  let id = stepId.replace(/[^\p{L}\p{N}_]/gu, '_');
  if (id === '') id = '_';
  if (/^\p{N}/u.test(id)) id = `s_${id}`;
  if (RESERVED_IDS.has(id.toLowerCase()) || /_(start|end)$/.test(id)) id = `${id}_`;
  return id;
}

/**
 * A CEL guard as a short edge label: whitespace collapsed, cut at `maxLength` characters with an
 * ellipsis (a diagram shows which way a choice goes; the YAML has the full condition).
 *
 * @example
 * shortenGuard('forms.request.impact == "low"   && forms.request.cost < 10000', 30);
 * // => 'forms.request.impact == "low"…'
 */
export function shortenGuard(expression: string, maxLength = 40): string {
  const flat = expression.replace(/\s+/g, ' ').trim();
  const characters = Array.from(flat);
  if (characters.length <= maxLength) return flat;
  return `${characters
    .slice(0, maxLength - 1)
    .join('')
    .trimEnd()}…`;
}
