import type { YAMLError } from 'yaml';
import type { Problem } from '../model/problem';
import type { SourcePosition } from './document-path';

/** What to do about the YAML parser's error codes that authors actually run into. */
const HINTS: Readonly<Record<string, string>> = {
  BAD_INDENT:
    'keys of the same map must start in the same column; indent nested keys by two more spaces than their parent',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  MISSING_CHAR: 'close the quote or bracket that was opened earlier',
  BLOCK_AS_IMPLICIT_KEY:
    "check this line's indentation against the line above (keys of one map start in the same column); " +
    "a value that contains ': ' must be quoted, e.g. message: 'Note: overdue'",
  MULTILINE_IMPLICIT_KEY:
    "a key must fit on one line and end with ':'; check the indentation of the line above",
  BAD_DQ_ESCAPE: "inside double quotes write a backslash as '\\\\', or use single quotes instead",
  UNEXPECTED_TOKEN: 'check the punctuation on this line: colons, dashes, quotes and brackets',
  BLOCK_IN_FLOW: "inside [ ] or { } write values on one line, or use indented '- ' lists instead",
  KEY_OVER_1024_CHARS: 'keys must be shorter than 1024 characters',
  BAD_SCALAR_START: "quote a value that starts with a special character such as '@', '`' or '%'",
};

const GENERIC_HINT = 'check the indentation, colons, quotes and brackets on this line and the one before';

/**
 * Turns a YAML parser error into a Problem (`YAML_SYNTAX`), in the author's words: the
 * parser's sentence, the position, and what usually fixes it.
 *
 * @example
 * ```ts
 * describeYamlError(doc.errors[0], 'sop.yaml', positionOf); // { code: 'YAML_SYNTAX', line: 3, column: 1, … }
 * ```
 */
export function describeYamlError(
  error: YAMLError,
  file: string,
  positionOf: (offset: number) => SourcePosition,
): Problem {
  const sentence = error.message.split('\n')[0] ?? error.code;
  const plain = sentence.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
  return {
    code: 'YAML_SYNTAX',
    severity: 'error',
    file,
    ...positionOf(error.pos[0]),
    path: '',
    message: `the file is not valid YAML: ${plain.charAt(0).toLowerCase()}${plain.slice(1)}`,
    hint: HINTS[error.code] ?? GENERIC_HINT,
  };
}

/**
 * A problem about the whole file (too large, empty, unreadable), reported at its first line.
 *
 * @example
 * ```ts
 * fileProblem('sop.yaml', 'EMPTY_DOCUMENT', 'the file is empty', 'start with apiVersion: sop/v1');
 * ```
 */
export function fileProblem(
  file: string,
  code: string,
  message: string,
  hint: string,
  position: SourcePosition = { line: 1, column: 1 },
): Problem {
  return { code, severity: 'error', file, ...position, path: '', message, hint };
}
