import { join } from 'node:path';
import { evaluateCondition, type ExpressionVariables } from '../../engine/expressions';
import type { OrgDirectory } from '../../engine/model/org';
import type { ChoiceStep, ParticipantSpec, SopDocument, Step, StepsSpec } from '../../engine/model/sop';
import { managerAt } from './org-integrity';
import { ORG_FILE, readYaml, SOP_DEFINITIONS_DIR } from './shipped-files';

export function loadShippedOrg(): OrgDirectory {
  return readYaml(ORG_FILE) as OrgDirectory;
}

export function loadShippedSop(fileName: string): SopDocument {
  return readYaml(join(SOP_DEFINITIONS_DIR, fileName)) as SopDocument;
}

/** A step with where it sits: `scope` is `''` at the top level, else `<parallel>/<region>`. */
export interface PlacedStep {
  readonly id: string;
  readonly step: Step;
  readonly scope: string;
}

/** Every step of the document, parallel regions included, in document order. */
export function listSteps(steps: StepsSpec, scope = ''): PlacedStep[] {
  const placed: PlacedStep[] = [];
  for (const [id, step] of Object.entries(steps)) {
    placed.push({ id, step, scope });
    if (step.kind === 'parallel') {
      for (const [region, spec] of Object.entries(step.regions)) {
        placed.push(...listSteps(spec.steps, `${id}/${region}`));
      }
    }
  }
  return placed;
}

export function findStep(doc: SopDocument, id: string): Step {
  const found = listSteps(doc.steps).find((placed) => placed.id === id);
  if (!found) throw new Error(`no step '${id}' in SOP '${doc.id}'`);
  return found.step;
}

export function findStepOfKind<K extends Step['kind']>(
  doc: SopDocument,
  id: string,
  kind: K,
): Extract<Step, { kind: K }> {
  const step = findStep(doc, id);
  if (step.kind !== kind) throw new Error(`step '${id}' is a ${step.kind} step, not ${kind}`);
  return step as Extract<Step, { kind: K }>;
}

/** Every step id a step can move to: `next`, decisions, routes, `on`/`always` targets, escalation `goto`. */
export function listTargets(step: Step): string[] {
  const targets: string[] = [];
  if ('next' in step && step.next !== undefined) targets.push(step.next);
  if (step.kind === 'approval') targets.push(step.onApprove, step.onReject);
  if (step.kind === 'wait' && step.onTimeout !== undefined) targets.push(step.onTimeout);
  if (step.kind === 'choice') targets.push(...step.routes.map((route) => route.target), step.otherwise);
  if (step.kind !== 'final') {
    for (const spec of Object.values(step.on ?? {})) {
      const list = typeof spec === 'string' ? [{ target: spec }] : Array.isArray(spec) ? spec : [spec];
      targets.push(...list.map((transition: { target: string }) => transition.target));
    }
    targets.push(...(step.always ?? []).map((transition) => transition.target));
  }
  if (step.kind === 'form' || step.kind === 'tasks' || step.kind === 'approval') {
    targets.push(...(step.escalation ?? []).flatMap((rung) => (rung.goto === undefined ? [] : [rung.goto])));
  }
  return targets;
}

/** The step a choice step moves to for the given variables (first true route, else `otherwise`). */
export function takeChoice(step: ChoiceStep, vars: ExpressionVariables): string {
  return step.routes.find((route) => evaluateCondition(route.when, vars))?.target ?? step.otherwise;
}

/**
 * Resolves a declared participant to user ids the way the SOP reference describes it, against
 * the org directory and a kickoff input. Throws when a link is missing, so a test fails loudly.
 */
export function resolveParticipant(
  doc: SopDocument,
  name: string,
  org: OrgDirectory,
  input: Readonly<Record<string, unknown>>,
): string[] {
  const spec: ParticipantSpec | undefined = doc.participants?.[name];
  if (!spec) throw new Error(`participant '${name}' is not declared in SOP '${doc.id}'`);
  if ('user' in spec) return [spec.user];
  if ('role' in spec) return org.users.filter((u) => (u.roles ?? []).includes(spec.role)).map((u) => u.id);
  if ('headOf' in spec) {
    const departmentId = spec.headOf.startsWith('input.')
      ? input[spec.headOf.slice('input.'.length)]
      : spec.headOf;
    const head = org.departments.find((d) => d.id === departmentId)?.head;
    if (head === undefined) throw new Error(`participant '${name}': no department '${String(departmentId)}'`);
    return [head];
  }
  if ('managerOf' in spec) {
    const [below] = resolveParticipant(doc, spec.managerOf, org, input);
    const manager = below === undefined ? undefined : managerAt(org, below, spec.levels);
    if (manager === undefined)
      throw new Error(`participant '${name}': nobody ${spec.levels} level(s) above '${below}'`);
    return [manager];
  }
  const value = input[spec.fromInput];
  return (Array.isArray(value) ? value : [value]).map(String);
}
