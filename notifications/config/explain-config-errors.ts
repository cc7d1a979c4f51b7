import type { ErrorObject } from 'ajv';
import { fromPointer, toPointer, type DocumentPath } from '../../engine/loader/document-path';
import type { SourceMap } from '../../engine/loader/source-map';
import type { Problem } from '../../engine/model/problem';
import { suggestClosest } from '../../engine/time';

interface SchemaNode {
  readonly description?: string;
  readonly properties?: Record<string, SchemaNode>;
}

/**
 * Turns ajv's errors on a channels file into problems a person can act on, each at the line of
 * the offending field. Values are never echoed for pattern errors: the field may hold a secret
 * that was pasted in by mistake, and error messages end up in logs.
 *
 * @example
 * if (!validate(data)) problems.push(...explainConfigErrors(validate.errors ?? [], loaded));
 */
export function explainConfigErrors(
  errors: readonly ErrorObject[],
  source: SourceMap & { readonly file: string },
): Problem[] {
  const problems: Problem[] = [];
  for (const error of errors) {
    // `if` only says which branch applied; property-name errors come again as `propertyNames`.
    if (error.keyword === 'if' || error.propertyName !== undefined) continue;
    problems.push(explainOne(error, source));
  }
  return problems;
}

function explainOne(error: ErrorObject, source: SourceMap & { readonly file: string }): Problem {
  const path = fromPointer(error.instancePath);
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const base = { code: 'CHANNELS_SCHEMA', severity: 'error' as const, file: source.file };
  const at = (where: DocumentPath, key = false) => {
    const position = key ? source.locateKey(where) : source.locate(where);
    return { line: position.line, column: position.column, path: toPointer(where) };
  };
  const where = describePath(path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(parent.properties ?? {});
      const guess = suggestClosest(key, known);
      return {
        ...base,
        ...at([...path, key], true),
        message: `${where} has an unknown field '${key}'`,
        hint: guess ? `did you mean '${guess}'?` : `allowed fields: ${known.join(', ')}`,
      };
    }
    case 'required': {
      const key = String((error.params as { missingProperty: string }).missingProperty);
      const about = parent.properties?.[key]?.description;
      return {
        ...base,
        ...at(path),
        message: `${where} is missing the field '${key}'`,
        ...(about ? { hint: about } : {}),
      };
    }
    case 'propertyNames': {
      const name = String((error.params as { propertyName: string }).propertyName);
      return {
        ...base,
        ...at([...path, name], true),
        message: `'${name}' is not a valid channel id`,
        hint: "use lowercase letters, digits and '-', starting with a letter, e.g. ops-feishu",
      };
    }
    case 'enum':
      return {
        ...base,
        ...at(path),
        message: `${where} is ${JSON.stringify(error.data)}`,
        hint: `expected one of: ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`,
      };
    case 'pattern':
      return {
        ...base,
        ...at(path),
        message: `${where} is not written as expected`,
        ...(parent.description ? { hint: parent.description } : {}),
      };
    default:
      return {
        ...base,
        ...at(path),
        message: `${where} ${error.message ?? 'is invalid'}`,
        ...(parent.description ? { hint: parent.description } : {}),
      };
  }
}

/**
 * `channels.ops-feishu.url` for `['channels', 'ops-feishu', 'url']`; the whole file for `[]`.
 *
 * @example
 * describePath(['allowHosts', 2]); // 'allowHosts[2]'
 */
export function describePath(path: DocumentPath): string {
  if (path.length === 0) return 'the channels file';
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}
