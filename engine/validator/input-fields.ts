import type { DocumentPath } from '../loader/document-path';
import { suggest } from './check-context';
import type { ProblemReport, Report } from './reporter';
import { lookupField } from './schema-fields';
import type { SopIndex } from './sop-index';

/**
 * Reports UNKNOWN_INPUT_FIELD when `field` (e.g. `['launchDate']`) is not declared by the
 * kickoff input schema. `usage` says where it is used, for the message.
 *
 * @example
 * ```ts
 * checkInputField(index, report, ['projectManagr'], ['participants', 'pm', 'fromInput'], "participant 'pm'");
 * ```
 */
export function checkInputField(
  index: SopIndex,
  report: Report,
  field: readonly string[],
  path: DocumentPath,
  usage: string,
  at?: ProblemReport['at'],
): void {
  const lookup = lookupField(index.inputSchema, field);
  if (lookup.found) return;
  const name = ['input', ...field.slice(0, lookup.depth + 1)].join('.');
  const declared = index.inputSchema !== undefined;
  report({
    code: 'UNKNOWN_INPUT_FIELD',
    path,
    ...(at ? { at } : {}),
    message: declared
      ? `${usage} uses '${name}', but the kickoff input declares no field '${lookup.missing}'`
      : `${usage} uses '${name}', but the SOP declares no kickoff input`,
    hint: declared
      ? `${suggest(lookup.missing, lookup.known, 'the declared fields')}; fields are declared under input.schema.properties`
      : `declare it: input: { schema: { type: object, properties: { ${lookup.missing}: { type: string } } } }`,
  });
}
