import type { DocumentPath } from '../../loader/document-path';
import type { SopCheck } from '../check-context';
import type { ProblemCode } from '../problem-codes';
import type { Report } from '../reporter';
import { asMap, listItems } from '../sop-index';

/**
 * Ids that must be unique: step ids across the whole SOP, regions included (they become the
 * ids of the compiled state machine's states), recurring-obligation ids within a step, KPI ids.
 * The second and later uses are reported. (The same key twice in one map is DUPLICATE_KEY,
 * found while reading the YAML.)
 *
 * @example
 * ```ts
 * checkUniqueIds(indexSop(doc), report, {}); // DUPLICATE_STEP_ID for `review` in two regions
 * ```
 */
export const checkUniqueIds: SopCheck = (index, report) => {
  const seenSteps = new Map<string, DocumentPath>();
  for (const entry of index.steps) {
    const first = seenSteps.get(entry.id);
    if (!first) seenSteps.set(entry.id, entry.path);
    else {
      report({
        code: 'DUPLICATE_STEP_ID',
        path: entry.path,
        message: `step id '${entry.id}' is already used at ${where(first)}; step ids must be unique across the whole SOP, regions included`,
        hint: `rename one of them, e.g. '${entry.id}_${entry.region?.name ?? '2'}'`,
      });
    }
    const recurring = listItems(entry.step.recurring).map(([item, i]) => ({
      id: asMap(item)?.id,
      path: [...entry.path, 'recurring', i, 'id'],
    }));
    reportRepeats(
      recurring,
      'DUPLICATE_RECURRING_ID',
      `recurring obligation id`,
      `in step '${entry.id}'`,
      report,
    );
  }
  const kpis = listItems(index.doc.kpis).map(([item, i]) => ({
    id: asMap(item)?.id,
    path: ['kpis', i, 'id'],
  }));
  reportRepeats(kpis, 'DUPLICATE_KPI_ID', 'KPI id', 'in this SOP', report);
};

function reportRepeats(
  items: { id: unknown; path: DocumentPath }[],
  code: ProblemCode,
  what: string,
  scope: string,
  report: Report,
): void {
  const seen = new Set<string>();
  for (const { id, path } of items) {
    if (typeof id !== 'string') continue;
    if (!seen.has(id)) {
      seen.add(id);
      continue;
    }
    report({
      code,
      path,
      message: `${what} '${id}' is used twice ${scope}`,
      hint: 'give each one its own id',
    });
  }
}

function where(path: DocumentPath): string {
  const regionAt = path.lastIndexOf('regions');
  return regionAt < 0
    ? 'the top level'
    : `region '${String(path[regionAt + 1])}' of step '${String(path[regionAt - 1])}'`;
}
