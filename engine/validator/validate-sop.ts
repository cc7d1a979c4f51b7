import { sortByPosition } from '../loader/load-yaml-text';
import type { LoadedSop } from '../loader/load-sop-text';
import type { Problem } from '../model/problem';
import type { SopCheck, ValidateOptions } from './check-context';
import { checkDeadlines } from './checks/check-deadlines';
import { checkEscalationActions } from './checks/check-escalation-actions';
import { checkExpressions } from './checks/check-expressions';
import { checkForms } from './checks/check-forms';
import { checkKpis } from './checks/check-kpis';
import { checkOrgReferences } from './checks/check-org-references';
import { checkParticipants } from './checks/check-participants';
import { checkReachability } from './checks/check-reachability';
import { checkSchema } from './checks/check-schema';
import { checkTargets } from './checks/check-targets';
import { checkTimeValues } from './checks/check-time-values';
import { checkUniqueIds } from './checks/check-unique-ids';
import { createReporter, type Report } from './reporter';
import { toPointer, type DocumentPath } from '../loader/document-path';
import { indexSop } from './sop-index';

/** The semantic checks, each independent of the others; all run, whatever the others found. */
const SEMANTIC_CHECKS: readonly SopCheck[] = [
  checkTargets,
  checkUniqueIds,
  checkReachability,
  checkDeadlines,
  checkTimeValues,
  checkParticipants,
  checkOrgReferences,
  checkForms,
  checkExpressions,
  checkEscalationActions,
  checkKpis,
];

/**
 * Validates a loaded SOP: the problems of reading it, its shape against the JSON Schema, and
 * what it means (targets, reachability, deadlines, people, forms, expressions, time). Every
 * problem is reported in one run, sorted by line and column; checks read the document
 * defensively, so a shape mistake in one place does not hide meaning mistakes elsewhere.
 *
 * @example
 * ```ts
 * const problems = validateSop(loadSopFile('sop-definitions/new-product-launch.yaml'), { org, calendars });
 * problems.map(formatProblem).join('\n');
 * ```
 */
export function validateSop(loaded: LoadedSop, options: ValidateOptions = {}): Problem[] {
  if (loaded.document === undefined) return sortByPosition([...loaded.problems]);
  const found: Problem[] = [];
  const report = createReporter(loaded, found);
  const repaired = checkSchema(loaded.document, report);
  if (
    typeof repaired.document === 'object' &&
    repaired.document !== null &&
    !Array.isArray(repaired.document)
  ) {
    const index = indexSop(repaired.document);
    const reportWritten: Report = (problem) =>
      report({ ...problem, path: repaired.toWrittenPath(problem.path) });
    for (const check of SEMANTIC_CHECKS) check(index, reportWritten, options);
  }
  return sortByPosition([...loaded.problems, ...withoutEchoes(dedupe(found), loaded.damaged)]);
}

/** Codes whose findings span the whole step graph, so any damage among the steps can cause them. */
const GRAPH_CODES = new Set(['UNREACHABLE_STEP', 'NO_PATH_TO_FINAL']);

/**
 * Drops problems that only echo a YAML syntax error: those inside a part the parser had to
 * guess (`damaged`), and graph-wide findings when the steps themselves are damaged.
 */
function withoutEchoes(problems: Problem[], damaged: readonly DocumentPath[]): Problem[] {
  if (damaged.length === 0) return problems;
  const pointers = damaged.map(toPointer);
  const stepsDamaged = damaged.some(
    (path) => path.length === 0 || path[0] === 'steps' || path[0] === 'initial',
  );
  return problems.filter(
    (p) =>
      !pointers.some((d) => p.path === d || p.path.startsWith(`${d}/`)) &&
      !(stepsDamaged && GRAPH_CODES.has(p.code)),
  );
}

/** Two checks can arrive at the same conclusion about the same node; say it once. */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}\u0000${p.line}\u0000${p.column}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
