import { sortByPosition } from '../loader/load-yaml-text';
import type { LoadedSop } from '../loader/load-sop-text';
import type { Problem } from '../model/problem';
import type { SopCheck, ValidateOptions } from './check-context';
import { checkApprovals } from './checks/check-approvals';
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
import type { DamagedPart } from '../loader/damaged-paths';
import { toPointer } from '../loader/document-path';
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
  checkApprovals,
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

/**
 * Findings that depend on a whole section being read right: when a syntax error damaged that
 * section, they are more likely echoes of the error than mistakes of their own.
 */
const DEPENDS_ON_SECTION: Readonly<Record<string, readonly string[]>> = {
  steps: [
    'UNREACHABLE_STEP',
    'NO_PATH_TO_FINAL',
    'UNKNOWN_TARGET',
    'UNKNOWN_INITIAL',
    'NOT_A_FORM_STEP',
    'UNKNOWN_KPI_SUBJECT',
    'UNKNOWN_EXPRESSION_FIELD',
  ],
  initial: ['UNREACHABLE_STEP', 'NO_PATH_TO_FINAL'],
  participants: ['UNKNOWN_PARTICIPANT', 'TASK_REF_OUTSIDE_TASKS'],
  input: ['UNKNOWN_INPUT_FIELD'],
  forms: ['UNKNOWN_FORM', 'UNKNOWN_EXPRESSION_FIELD'],
  calendar: ['CALENDAR_REQUIRED'],
};

/**
 * Drops problems that only echo a YAML syntax error: those inside a part the parser had to
 * guess (`damaged`; the whole file when the damage is at its top level), and cross-references
 * into a section whose structure is damaged (see {@link DEPENDS_ON_SECTION}).
 */
function withoutEchoes(problems: Problem[], damaged: readonly DamagedPart[]): Problem[] {
  if (damaged.length === 0) return problems;
  const pointers = damaged.map((part) => toPointer(part.path));
  const echoed = new Set(
    damaged
      .filter((part) => part.structural)
      .flatMap((part) => DEPENDS_ON_SECTION[String(part.path[0])] ?? []),
  );
  return problems.filter(
    (p) => !pointers.some((d) => p.path === d || p.path.startsWith(`${d}/`)) && !echoed.has(p.code),
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
