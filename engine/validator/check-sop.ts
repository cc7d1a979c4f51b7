import { loadSopFile } from '../loader/load-sop-file';
import { loadSopText } from '../loader/load-sop-text';
import type { LoadLimits } from '../loader/load-yaml-text';
import { hasErrors, type Problem } from '../model/problem';
import type { SopDocument } from '../model/sop';
import type { ValidateOptions } from './check-context';
import { validateSop } from './validate-sop';

/** The outcome of checking an SOP: the typed document only when nothing is wrong with it. */
export interface SopCheckResult {
  /** Present only when there are no errors (warnings allowed). */
  readonly document?: SopDocument;
  /** Every problem, sorted by line and column. */
  readonly problems: Problem[];
}

/** Options of {@link checkSopText} and {@link checkSopFile}. */
export interface CheckSopOptions extends ValidateOptions {
  /** Size, alias and nesting limits for reading the YAML. */
  readonly limits?: LoadLimits;
}

/**
 * Loads and validates SOP text in one go.
 *
 * @example
 * ```ts
 * const { document, problems } = checkSopText(yamlText, 'change-request.yaml', { org, calendars });
 * if (!document) console.error(problems.map(formatProblem).join('\n'));
 * ```
 */
export function checkSopText(text: string, file: string, options: CheckSopOptions = {}): SopCheckResult {
  return toResult(loadSopText(text, file, options.limits), options);
}

/**
 * Loads and validates an SOP file in one go; an unreadable file is a problem, not an exception.
 *
 * @example
 * ```ts
 * const { document } = checkSopFile('sop-definitions/new-product-launch.yaml', { org, calendars });
 * ```
 */
export function checkSopFile(path: string, options: CheckSopOptions = {}): SopCheckResult {
  return toResult(loadSopFile(path, options.limits), options);
}

function toResult(loaded: ReturnType<typeof loadSopText>, options: ValidateOptions): SopCheckResult {
  const problems = validateSop(loaded, options);
  // Only a document that passed every error-level check has the SopDocument shape.
  return hasErrors(problems) ? { problems } : { document: loaded.document as SopDocument, problems };
}
