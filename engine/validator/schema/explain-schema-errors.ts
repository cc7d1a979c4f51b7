import type { ErrorObject } from 'ajv';
import { fromPointer } from '../../loader/document-path';
import { suggestClosest } from '../../time';
import { describePath } from '../describe-path';
import type { Report } from '../reporter';
import { explainSchemaError } from './explain-schema-error';
import { compileBranch, SCHEMAS, type SchemaName, type SchemaObject } from './schema-registry';
import { aboutSchema, jsonTypeOf, resolveSchema, typeMatches, typesAccepted } from './schema-lookup';
import { describeType, describeValue } from './schema-wording';

/** What the explanation needs besides the errors. */
export interface SchemaExplainContext {
  /** Which schema produced the errors (for its `$ref`s and for checking alternatives). */
  readonly schema: SchemaName;
  /** The whole document, to name nodes by their ids. */
  readonly data: unknown;
  /** What the whole document is called: 'the SOP', 'the org directory'. */
  readonly whole: string;
  readonly report: Report;
  /** Extra advice for an unsupported key, e.g. which step kinds do have it. */
  readonly adviseKey?: (key: string, path: readonly (string | number)[]) => string | undefined;
}

const COMPOSITES = new Set(['oneOf', 'anyOf']);
/** Keys a "which of these keys is present" branch may have, e.g. `{ required: [user] }`. */
const PRESENCE_BRANCH_KEYS = new Set(['properties', 'required', '$comment']);

/**
 * Turns ajv's errors into one plain-English problem per real mistake. ajv reports every
 * alternative of a `oneOf`/`anyOf` it tried; here the alternative that fits the value (by its
 * type) is picked and only its errors are explained, "which key must be present" alternatives
 * become one "needs one of …" problem, `if`/`then` noise is dropped, and a missing key that
 * an unsupported key misspells is not reported twice.
 *
 * @example
 * ```ts
 * const validate = getSchemaValidator('sop');
 * if (!validate(doc)) explainSchemaErrors(validate.errors ?? [], { schema: 'sop', data: doc, whole: 'the SOP', report });
 * ```
 */
export function explainSchemaErrors(errors: readonly ErrorObject[], context: SchemaExplainContext): void {
  const misspelt = misspeltRequiredKeys(errors);
  // ajv writes the errors of a composite's alternatives just before the composite's own error,
  // so walking backwards lets each composite claim (and skip) its alternatives' errors.
  const explained: (() => void)[] = [];
  for (let index = errors.length - 1; index >= 0; index--) {
    const error = errors[index];
    if (!error || error.keyword === 'if' || error.propertyName !== undefined) continue;
    if (COMPOSITES.has(error.keyword)) {
      const claimed = explainComposite(error, context, explained);
      index -= claimed;
      continue;
    }
    if (error.keyword === 'required' && misspelt.has(requiredKeyOf(error))) continue;
    const name = (error.params as { propertyName?: unknown }).propertyName;
    const inner =
      error.keyword === 'propertyNames'
        ? errors.slice(0, index).find((e) => e.propertyName === name)
        : undefined;
    explained.push(() => explainSchemaError(error, context, inner));
  }
  // Explain in document order of ajv (reversed back), so reports read top to bottom.
  for (const explain of explained.reverse()) explain();
}

/**
 * Explains one `oneOf`/`anyOf` error; returns how many preceding errors were its alternatives'.
 */
function explainComposite(
  error: ErrorObject,
  context: SchemaExplainContext,
  explained: (() => void)[],
): number {
  const branches = Array.isArray(error.schema) ? (error.schema as object[]) : [];
  const results = branches.map((branch) => {
    const validate = compileBranch(context.schema, branch);
    validate(error.data);
    return { branch, errors: validate.errors ?? [] };
  });
  const claimed = results.reduce((sum, result) => sum + result.errors.length, 0);
  const path = fromPointer(error.instancePath);
  const where = describePath(path, context.data, context.whole);
  const parent = (error.parentSchema ?? {}) as SchemaObject;
  const about = aboutSchema(parent);

  const passing = (error.params as { passingSchemas?: unknown }).passingSchemas;
  if (Array.isArray(passing) && passing.length > 1) {
    const present = passing
      .flatMap((i: number) => requiredOf(branches[i]))
      .filter((key) => hasKey(error.data, key));
    // "Which key is present" alternatives all pass on a value that is not a map at all; its
    // wrong type is reported by the schema's own `type`, so there is nothing to add here.
    if (present.length < 2) return claimed;
    explained.push(() =>
      context.report({
        code: 'CONFLICTING_KEYS',
        path,
        message: `${where} has ${present.map((k) => `'${k}'`).join(' and ')}; use exactly one of: ${alternativesOf(branches)}`,
        ...(about ? { hint: about } : {}),
      }),
    );
    return claimed;
  }

  if (branches.length > 0 && branches.every(isPresenceBranch)) {
    const howMany = error.keyword === 'oneOf' ? 'exactly one of' : 'at least one of';
    explained.push(() =>
      context.report({
        code: 'MISSING_KEY',
        path,
        message: `${where} needs ${howMany}: ${alternativesOf(branches)}`,
        ...(about ? { hint: about } : {}),
      }),
    );
    return claimed;
  }

  const actual = jsonTypeOf(error.data);
  const root = SCHEMAS[context.schema];
  const fitting = results.filter((r) => typeMatches(typesAccepted(resolveSchema(r.branch, root)), actual));
  const best = fitting.sort((a, b) => a.errors.length - b.errors.length)[0];
  if (!best) {
    const expected = [...new Set(results.flatMap((r) => typesAccepted(resolveSchema(r.branch, root))))];
    explained.push(() =>
      context.report({
        code: 'WRONG_TYPE',
        path,
        message: `${where} must be ${expected.map(describeType).join(' or ')}, not ${describeValue(error.data)}`,
        ...(about ? { hint: about } : {}),
      }),
    );
    return claimed;
  }
  const prefixed = best.errors.map((e) => ({ ...e, instancePath: `${error.instancePath}${e.instancePath}` }));
  explained.push(() => explainSchemaErrors(prefixed, context));
  return claimed;
}

/** `user, role, headOf, managerOf + levels, fromInput` from presence branches. */
function alternativesOf(branches: readonly unknown[]): string {
  return branches.map((b) => requiredOf(b).join(' + ')).join(', ');
}

function isPresenceBranch(branch: unknown): boolean {
  return (
    typeof branch === 'object' &&
    branch !== null &&
    Array.isArray((branch as SchemaObject).required) &&
    Object.keys(branch).every((key) => PRESENCE_BRANCH_KEYS.has(key))
  );
}

function requiredOf(branch: unknown): string[] {
  const required =
    typeof branch === 'object' && branch !== null ? (branch as SchemaObject).required : undefined;
  return Array.isArray(required) ? required.filter((k): k is string => typeof k === 'string') : [];
}

function hasKey(data: unknown, key: string): boolean {
  return typeof data === 'object' && data !== null && key in data;
}

/** Required keys (by instance path) that an unsupported key in the same map misspells. */
function misspeltRequiredKeys(errors: readonly ErrorObject[]): Set<string> {
  const missing = errors.filter((e) => e.keyword === 'required');
  const misspelt = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const extra = String((error.params as { additionalProperty?: unknown }).additionalProperty);
    const candidates = missing
      .filter((m) => m.instancePath === error.instancePath)
      .map((m) => String((m.params as { missingProperty?: unknown }).missingProperty));
    const guess = suggestClosest(extra, candidates);
    if (guess) misspelt.add(`${error.instancePath}\u0000${guess}`);
  }
  return misspelt;
}

function requiredKeyOf(error: ErrorObject): string {
  return `${error.instancePath}\u0000${String((error.params as { missingProperty?: unknown }).missingProperty)}`;
}
