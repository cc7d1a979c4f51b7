import { explainSchemaErrors } from '../schema/explain-schema-errors';
import { repairMisspeltKeys, type RepairedDocument } from '../schema/repair-misspelt-keys';
import { getSchemaValidator, SCHEMAS } from '../schema/schema-registry';
import type { Report } from '../reporter';
import { asMap } from '../sop-index';

const STEP_DEF = /^(\w+)Step$/;

/**
 * Checks the document against `engine/schema/sop.schema.json` and reports every mistake in
 * plain words (see `explainSchemaErrors`). An unsupported key that another step kind has is
 * explained as such ("'onApprove' belongs to approval steps"). Returns the document with
 * obviously misspelt keys repaired, for the meaning checks (see `repairMisspeltKeys`).
 *
 * @example
 * ```ts
 * checkSchema(document, report); // UNKNOWN_KEY for `deadlin: 24h`
 * ```
 */
export function checkSchema(document: unknown, report: Report): RepairedDocument {
  const validate = getSchemaValidator('sop');
  if (validate(document)) return { document, toWrittenPath: (path) => path };
  const errors = validate.errors ?? [];
  explainSchemaErrors(errors, {
    schema: 'sop',
    data: document,
    whole: 'the SOP',
    report,
    adviseKey: (key) => {
      const kinds = stepKindsWithKey(key);
      return kinds.length > 0
        ? `'${key}' belongs to ${kinds.join(', ')} steps; check this step's 'kind'`
        : undefined;
    },
  });
  return repairMisspeltKeys(document, errors);
}

function stepKindsWithKey(key: string): string[] {
  const definitions = asMap(SCHEMAS.sop.$defs) ?? {};
  const kinds: string[] = [];
  for (const [name, definition] of Object.entries(definitions)) {
    const kind = STEP_DEF.exec(name)?.[1];
    if (kind && asMap(asMap(definition)?.properties)?.[key] !== undefined) kinds.push(kind);
  }
  return kinds;
}
