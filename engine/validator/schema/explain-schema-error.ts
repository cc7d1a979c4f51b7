import type { ErrorObject } from 'ajv';
import { fromPointer } from '../../loader/document-path';
import { suggestClosest } from '../../time';
import { describePath } from '../describe-path';
import type { ProblemReport } from '../reporter';
import type { SchemaExplainContext } from './explain-schema-errors';
import { SCHEMAS, type SchemaObject } from './schema-registry';
import { aboutSchema, resolveSchema } from './schema-lookup';
import { describeType, describeValue, formatExample } from './schema-wording';

/** What the names under a map are called, for "not a valid … name" messages. */
const NAME_KINDS: Readonly<Record<string, string>> = {
  steps: 'step id',
  regions: 'region id',
  participants: 'participant name',
  forms: 'form id',
  on: 'event name',
  roles: 'role id',
};

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  date: 'date (YYYY-MM-DD)',
  'date-time': 'date and time (e.g. 2025-03-01T09:00:00+08:00)',
  email: 'email address',
  uri: 'web address',
};

/**
 * Explains one plain ajv error (not a `oneOf`/`anyOf`) in words, and reports it at the node it
 * is about: an unsupported key at the key itself, anything else at the value or the map.
 * `nameError` is the inner error of a `propertyNames` failure (it carries the name's rule).
 *
 * @example
 * ```ts
 * explainSchemaError(error, { schema: 'sop', data: doc, whole: 'the SOP', report });
 * ```
 */
export function explainSchemaError(
  error: ErrorObject,
  context: SchemaExplainContext,
  nameError?: ErrorObject,
): void {
  const path = fromPointer(error.instancePath);
  const where = describePath(path, context.data, context.whole);
  const parent = (error.parentSchema ?? {}) as SchemaObject;
  const params = error.params as Record<string, unknown>;
  const root = SCHEMAS[context.schema];
  const report = (problem: Omit<ProblemReport, 'path'> & { path?: ProblemReport['path'] }) =>
    context.report({ path, ...problem });

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const supported = Object.keys((parent.properties as object | undefined) ?? {});
      const guess = suggestClosest(key, supported);
      const advice = guess ? `did you mean '${guess}'?` : context.adviseKey?.(key, path);
      report({
        code: 'UNKNOWN_KEY',
        path: [...path, key],
        at: 'key',
        message: `${where} has unsupported key '${key}'; supported keys are: ${supported.join(', ')}`,
        hint: advice ?? 'remove it, or check the spelling and the indentation',
      });
      return;
    }
    case 'required':
    case 'dependentRequired': {
      const key = String(params.missingProperty);
      const property = resolveSchema((parent.properties as Record<string, unknown> | undefined)?.[key], root);
      const because =
        error.keyword === 'dependentRequired' ? ` (needed with '${String(params.property)}')` : '';
      report({
        code: 'MISSING_KEY',
        message: `${where} is missing required key '${key}'${because}`,
        hint: hintForKey(key, property),
      });
      return;
    }
    case 'enum':
    case 'const': {
      const allowed = (
        error.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue]
      ).map(String);
      const guess = typeof error.data === 'string' ? suggestClosest(error.data, allowed) : undefined;
      report({
        code: 'INVALID_VALUE',
        message:
          allowed.length === 1
            ? `${where} must be '${allowed[0]}', not ${describeValue(error.data)}`
            : `${where} is ${describeValue(error.data)}; allowed values are: ${allowed.join(', ')}`,
        hint: guess
          ? `did you mean '${guess}'?`
          : (aboutSchema(parent) ?? `write one of: ${allowed.join(', ')}`),
      });
      return;
    }
    case 'type': {
      const expected = String(params.type)
        .split(',')
        .map((t) => describeType(t.trim()))
        .join(' or ');
      if (path.length === 0) {
        report({
          code: 'WRONG_TYPE',
          message: `${context.whole} must be ${expected}, not ${describeValue(error.data)}`,
          hint: aboutSchema(parent) ?? 'start from one of the shipped files',
        });
        return;
      }
      report({
        code: 'WRONG_TYPE',
        message: `${where} must be ${expected}, not ${describeValue(error.data)}`,
        ...withHint(aboutSchema(parent)),
      });
      return;
    }
    case 'propertyNames': {
      const name = String(params.propertyName);
      const rule = (nameError?.parentSchema ?? {}) as SchemaObject;
      const kind = NAME_KINDS[String(path[path.length - 1])] ?? 'name';
      report({
        code: 'INVALID_KEY_NAME',
        path: [...path, name],
        at: 'key',
        message: `'${name}' is not a valid ${kind} in ${where}`,
        ...withHint(typeof rule.description === 'string' ? rule.description : undefined),
      });
      return;
    }
    default:
      report({
        code: 'INVALID_VALUE',
        message: `${where} ${complaintOf(error)}`,
        ...withHint(aboutSchema(parent)),
      });
  }
}

/** The problem with a value, for the remaining keywords (pattern, lengths, ranges, formats). */
function complaintOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const limit = Number(params.limit);
  const shown = describeValue(error.data);
  switch (error.keyword) {
    case 'pattern':
      return `is ${shown}, which is not written as expected`;
    case 'minLength':
      return limit <= 1 ? 'must not be empty' : `must be at least ${limit} characters long`;
    case 'maxLength':
      return `must be at most ${limit} characters long`;
    case 'minItems':
      return `must list at least ${limit} ${limit === 1 ? 'item' : 'items'}`;
    case 'maxItems':
      return `must list at most ${limit} items`;
    case 'minProperties':
      return `must have at least ${limit} ${limit === 1 ? 'entry' : 'entries'}`;
    case 'minimum':
      return `must be at least ${limit}, not ${shown}`;
    case 'maximum':
      return `must be at most ${limit}, not ${shown}`;
    case 'format':
      return `is ${shown}, which is not a valid ${FORMAT_WORDS[String(params.format)] ?? String(params.format)}`;
    case 'uniqueItems':
      return `lists the same value twice (items ${Number(params.j) + 1} and ${Number(params.i) + 1})`;
    default:
      return error.message ?? 'is not valid';
  }
}

/** "What it is — e.g. example" for a missing key, from its schema. */
function hintForKey(key: string, property: SchemaObject): string {
  const what = typeof property.description === 'string' ? property.description : undefined;
  const examples: unknown[] = Array.isArray(property.examples) ? (property.examples as unknown[]) : [];
  const allowed = Array.isArray(property.enum) ? property.enum.map(String) : undefined;
  const example = examples[0] ?? allowed?.[0];
  const parts = [
    what,
    allowed ? `one of: ${allowed.join(', ')}` : undefined,
    example === undefined ? `add '${key}:'` : `e.g. ${key}: ${formatExample(example)}`,
  ];
  return parts.filter(Boolean).join(' — ');
}

function withHint(hint: string | undefined): { hint?: string } {
  return hint ? { hint } : {};
}
