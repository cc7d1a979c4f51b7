import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Problem } from '../model/problem';
import { findDamagedPaths, type DamagedPart } from './damaged-paths';
import type { SourcePosition } from './document-path';
import { measureNestingDepth } from './nesting-depth';
import { createSourceMap, type SourceMap } from './source-map';
import { scanStructure } from './structure-checks';
import { describeYamlError, fileProblem } from './yaml-problems';

/** Limits that keep a hostile or mistaken file from hanging the loader or exhausting memory. */
export interface LoadLimits {
  /** Largest file accepted, in bytes (UTF-8). Default 1 MiB. */
  readonly maxBytes?: number;
  /** Most alias (`*name`) expansions accepted, as the `yaml` package counts them. Default 100. */
  readonly maxAliasCount?: number;
  /** Deepest nesting inside one line (brackets, `- - -`). Default 64. */
  readonly maxNesting?: number;
}

/**
 * Default limits: 1 MiB (an SOP is a few hundred lines), 100 alias expansions, and 64 levels of
 * nesting within one line (real files use a handful).
 *
 * @example
 * ```ts
 * loadYamlText(text, 'big.yaml', { maxBytes: 4 * DEFAULT_MAX_BYTES });
 * ```
 */
export const DEFAULT_MAX_BYTES = 1024 * 1024;
/** @see DEFAULT_MAX_BYTES @example `loadYamlText(text, f, { maxAliasCount: DEFAULT_MAX_ALIAS_COUNT })` */
export const DEFAULT_MAX_ALIAS_COUNT = 100;
/** @see DEFAULT_MAX_BYTES @example `loadYamlText(text, f, { maxNesting: DEFAULT_MAX_NESTING })` */
export const DEFAULT_MAX_NESTING = 64;

/** A YAML file read with positions: the data (when it could be read), problems, and a source map. */
export interface LoadedYaml extends SourceMap {
  readonly file: string;
  /** The data; absent when the file could not be turned into data at all. */
  readonly document?: unknown;
  /** Problems of the file as YAML (syntax, duplicate keys, limits), sorted by position. */
  readonly problems: Problem[];
  /**
   * Parts of the data that YAML syntax errors made unreliable (see `findDamagedPaths`);
   * empty when the file has no syntax error.
   */
  readonly damaged: readonly DamagedPart[];
}

const NO_POSITIONS: SourceMap = {
  locate: () => ({ line: 1, column: 1 }),
  locateKey: () => ({ line: 1, column: 1 }),
  locateInValue: () => ({ line: 1, column: 1 }),
};

/**
 * Parses YAML text into data plus a source map, collecting every problem instead of stopping
 * at the first: all syntax errors with their positions, duplicate keys, unknown aliases. Data
 * is still produced after recoverable syntax errors, so later checks can report more in the
 * same run. Refuses, quickly and without building the data, files over the size limit, alias
 * bombs, absurd nesting, and files with more than one document.
 *
 * @example
 * ```ts
 * const loaded = loadYamlText('id: demo\nsteps: {}\n', 'demo.yaml');
 * loaded.document; // { id: 'demo', steps: {} }
 * loaded.locate(['steps']); // { line: 2, column: 1 }
 * ```
 */
export function loadYamlText(text: string, file: string, limits: LoadLimits = {}): LoadedYaml {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const refuse = (problem: Problem): LoadedYaml => ({
    file,
    problems: [problem],
    damaged: [],
    ...NO_POSITIONS,
  });

  // Cheap checks first: nothing below may run on a file this big or this deeply nested.
  const bytes = text.length > maxBytes ? text.length : Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    return refuse(
      fileProblem(
        file,
        'DOCUMENT_TOO_LARGE',
        `the file is ${bytes} bytes; the limit is ${maxBytes} bytes`,
        'an SOP is a few hundred lines; check that this is the right file, or split it into several SOPs',
      ),
    );
  }
  const nesting = measureNestingDepth(text);
  const maxNesting = limits.maxNesting ?? DEFAULT_MAX_NESTING;
  if (nesting.depth > maxNesting) {
    const lineCounter = countLines(text);
    const { line, col } = lineCounter.linePos(nesting.offset);
    return refuse(
      fileProblem(
        file,
        'YAML_TOO_DEEP',
        `the file nests more than ${maxNesting} levels deep within one line`,
        'write nested values as indented blocks, one per line, and check for unclosed brackets',
        { line, column: col },
      ),
    );
  }

  const lineCounter = new LineCounter();
  const positionOf = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // Duplicate keys are detected by scanStructure, which can name both occurrences.
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, merge: true, prettyErrors: false });
  const [doc, ...extra] = Array.from(docs);
  if (!doc || isBlank(doc)) {
    return refuse(
      fileProblem(
        file,
        'EMPTY_DOCUMENT',
        'the file has no content',
        'start the file with the first key, e.g. apiVersion: sop/v1',
      ),
    );
  }

  // The parser sometimes places an error at the start of a line; the author looks for the text.
  const problems: Problem[] = describeSyntaxErrors(doc, file, (offset) =>
    positionOf(skipIndentation(text, offset)),
  );
  for (const other of extra) {
    problems.push(
      fileProblem(
        file,
        'MULTIPLE_DOCUMENTS',
        "the file holds more than one YAML document (separated by '---'); one file holds one SOP",
        "move each document into its own file, or remove the '---' line",
        positionOf(other.range[0]),
      ),
    );
  }
  const structure = scanStructure(doc, file, positionOf);
  // A complex key on a line the parser already complained about is the same mistake.
  const syntaxLines = new Set(problems.map((p) => p.line));
  problems.push(
    ...structure.problems.filter((p) => p.code !== 'YAML_COMPLEX_KEY' || !syntaxLines.has(p.line)),
  );
  const sourceMap = createSourceMap(doc, lineCounter, text);
  const damaged = findDamagedPaths(
    doc,
    doc.errors.map((error) => error.pos[0]),
  );
  const loaded = (document: unknown): LoadedYaml => ({
    file,
    ...(document === undefined ? {} : { document }),
    problems: sortByPosition(problems),
    damaged,
    ...sourceMap,
  });
  if (!structure.convertible) return loaded(undefined);

  const maxAliasCount = limits.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  try {
    return loaded(doc.toJS({ maxAliasCount }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) {
      problems.push(
        fileProblem(
          file,
          'YAML_ALIAS_LIMIT',
          `the file expands aliases (*name) more than ${maxAliasCount} times; refusing it as a possible alias bomb`,
          'write repeated values out, or reuse them fewer times',
          structure.firstAlias,
        ),
      );
    } else {
      problems.push(
        fileProblem(
          file,
          'YAML_SYNTAX',
          `the file cannot be read as data: ${message}`,
          'fix the YAML errors above',
        ),
      );
    }
    return loaded(undefined);
  }
}

/**
 * Sorts problems by line, then column, then code, so output is stable and reads top to bottom.
 *
 * @example
 * ```ts
 * sortByPosition([{ line: 9, column: 1, … }, { line: 2, column: 5, … }]); // line 2 first
 * ```
 */
export function sortByPosition(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

/**
 * The parser's errors, one per mistake: after a first error on a line, the parser's next
 * complaints about that same line are consequences; and one mis-indented line makes every
 * following line of its map "wrong" in the same way, so such a run is reported once.
 */
function describeSyntaxErrors(
  doc: Document,
  file: string,
  positionOf: (offset: number) => SourcePosition,
): Problem[] {
  const problems: Problem[] = [];
  let run: { first: Problem; last: Problem; more: number } | undefined;
  const closeRun = () => {
    if (!run) return;
    const { first, more } = run;
    const also = more === 0 ? '' : ` (and ${more} more line${more === 1 ? '' : 's'} below it)`;
    problems.push({ ...first, message: `${first.message}${also}` });
    run = undefined;
  };
  for (const error of doc.errors) {
    const problem = describeYamlError(error, file, positionOf);
    if (run && problem.line === run.last.line) continue;
    const repeats = run && problem.message === run.first.message && problem.column === run.first.column;
    if (run && repeats) {
      run = { ...run, last: problem, more: run.more + 1 };
      continue;
    }
    closeRun();
    run = { first: problem, last: problem, more: 0 };
  }
  closeRun();
  return problems;
}

function skipIndentation(text: string, offset: number): number {
  let at = offset;
  while (text[at] === ' ' || text[at] === '\t') at++;
  return text[at] === '\n' || text[at] === '\r' || at >= text.length ? offset : at;
}

function isBlank(doc: Document): boolean {
  return doc.contents === null && doc.errors.length === 0;
}

function countLines(text: string): LineCounter {
  const lineCounter = new LineCounter();
  let offset = text.indexOf('\n');
  lineCounter.addNewLine(0);
  while (offset >= 0) {
    lineCounter.addNewLine(offset + 1);
    offset = text.indexOf('\n', offset + 1);
  }
  return lineCounter;
}
