import { basename } from 'node:path';
import { parseExpression } from '../../engine/expressions';
import {
  BUILTIN_PARTICIPANT_REFS,
  HUMAN_STEP_KINDS,
  type SopDocument,
  type Step,
} from '../../engine/model/sop';
import { listShippedSopFiles, readYaml } from './shipped-files';
import { listSteps, listTargets, loadShippedOrg } from './sop-helpers';

/*
 * Cross-file checks of the shipped SOPs against the shipped org directory, independent of the
 * engine's validator: every name an operations author writes must point at something real.
 */

const org = loadShippedOrg();
const departments = new Set(org.departments.map((d) => d.id));
const users = new Set(org.users.map((u) => u.id));
const heldRoles = new Set(org.users.flatMap((u) => u.roles ?? []));
const STEP_ID = /^[a-zA-Z][a-zA-Z0-9_]*$/;

/** A reference without its `.manager` suffixes (`assignee.manager` → `assignee`), as docs/sop-language.md allows. */
function withoutManagers(ref: string): string {
  return ref.replace(/(\.manager)+$/, '');
}

/** Every participant reference a step makes (assignee, notify lists, reassign, `by`, approval-flow people). */
function participantRefs(step: Step): string[] {
  const refs: string[] = [];
  if (step.kind === 'notify') refs.push(...step.notify);
  if (step.kind !== 'final') {
    for (const spec of Object.values(step.on ?? {})) {
      const list = typeof spec === 'string' ? [] : Array.isArray(spec) ? spec : [spec];
      refs.push(...list.flatMap((transition: { by?: readonly string[] }) => transition.by ?? []));
    }
    refs.push(...(step.recurring ?? []).flatMap((obligation) => obligation.notify));
  }
  if (step.kind === 'form' || step.kind === 'tasks' || step.kind === 'approval') {
    const defaults = step.kind === 'tasks' ? step.taskDefaults : undefined;
    if (step.assignee !== undefined) refs.push(step.assignee);
    for (const reminder of [...(step.reminders ?? []), ...(defaults?.reminders ?? [])])
      refs.push(...reminder.notify);
    for (const rung of [...(step.escalation ?? []), ...(defaults?.escalation ?? [])]) {
      refs.push(...(rung.notify ?? []), ...(rung.reassign === undefined ? [] : [rung.reassign]));
    }
    if (step.kind === 'tasks') refs.push(...(step.needsHelp?.notify ?? []));
  }
  if (step.kind === 'approval') {
    refs.push(...(step.approvers ?? []), ...(step.cc ?? []));
    for (const ref of [step.requester, step.approvalAdmin]) if (ref !== undefined) refs.push(ref);
  }
  return refs;
}

/** Every CEL guard of a step. */
function guards(step: Step): string[] {
  const found: string[] = [];
  if (step.kind === 'choice') found.push(...step.routes.map((route) => route.when));
  if (step.kind !== 'final') {
    for (const spec of Object.values(step.on ?? {})) {
      const list = typeof spec === 'string' ? [] : Array.isArray(spec) ? spec : [spec];
      found.push(
        ...list.flatMap((transition: { when?: string }) =>
          transition.when === undefined ? [] : [transition.when],
        ),
      );
    }
    found.push(
      ...(step.always ?? []).flatMap((transition) =>
        transition.when === undefined ? [] : [transition.when],
      ),
    );
  }
  return found;
}

const files = listShippedSopFiles();

test('ships the reference SOP and the two playbook SOPs', () => {
  expect(files.map((file) => basename(file))).toEqual(
    expect.arrayContaining([
      'change-request-approval.yaml',
      'incident-response.yaml',
      'new-product-launch.yaml',
    ]),
  );
});

describe.each(files.map((file) => [basename(file), file]))('%s', (_name, file) => {
  const doc = readYaml(file) as SopDocument;
  const placed = listSteps(doc.steps);
  const stepIds = new Set(placed.map((p) => p.id));
  const inputFields = Object.keys(
    (doc.input?.schema.properties as Record<string, unknown> | undefined) ?? {},
  );

  test('is named after its id, owned by a known department, on the cn-mainland calendar', () => {
    expect(basename(file)).toBe(`${doc.id}.yaml`);
    expect(departments).toContain(doc.owner);
    expect(doc.calendar).toBe('cn-mainland');
    expect(doc.timeZone).toBe('Asia/Shanghai');
  });

  test('uses CEL-safe step ids, unique across the whole file', () => {
    const ids = placed.map((p) => p.id);
    expect(ids.filter((id) => !STEP_ID.test(id))).toEqual([]);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  test('moves only to steps of the same level or region', () => {
    const scopeOf = new Map(placed.map((p) => [p.id, p.scope]));
    const wrong = placed.flatMap((p) =>
      listTargets(p.step)
        .filter((target) => scopeOf.get(target) !== p.scope)
        .map((target) => `${p.id} → ${target}`),
    );
    expect(wrong).toEqual([]);
    expect(scopeOf.get(doc.initial)).toBe('');
    for (const p of placed) {
      if (p.step.kind !== 'parallel') continue;
      for (const [region, spec] of Object.entries(p.step.regions))
        expect(scopeOf.get(spec.initial)).toBe(`${p.id}/${region}`);
    }
  });

  test('reaches every step from the initial step, and every final step ends the project', () => {
    const byId = new Map(placed.map((p) => [p.id, p.step]));
    const seen = new Set<string>();
    const queue = [doc.initial];
    while (queue.length > 0) {
      const id = queue.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const step = byId.get(id);
      if (!step) continue;
      queue.push(...listTargets(step));
      if (step.kind === 'parallel')
        queue.push(...Object.values(step.regions).map((region) => region.initial));
    }
    expect([...stepIds].filter((id) => !seen.has(id))).toEqual([]);
    const topFinals = placed.filter((p) => p.scope === '' && p.step.kind === 'final');
    expect(topFinals.length).toBeGreaterThan(0);
    for (const p of topFinals) expect(p.step).toHaveProperty('outcome');
  });

  test('declares participants that resolve against org.yaml', () => {
    const names = Object.keys(doc.participants ?? {});
    for (const [name, spec] of Object.entries(doc.participants ?? {})) {
      const where = `participant ${name}`;
      if ('user' in spec) expect({ where, known: users.has(spec.user) }).toEqual({ where, known: true });
      if ('role' in spec) expect({ where, held: heldRoles.has(spec.role) }).toEqual({ where, held: true });
      if ('headOf' in spec) {
        if (spec.headOf.startsWith('input.')) {
          const field = spec.headOf.slice('input.'.length);
          expect(inputFields).toContain(field);
          const fieldSchema = (doc.input?.schema.properties as Record<string, { enum?: string[] }>)[field];
          for (const value of fieldSchema?.enum ?? []) expect(departments).toContain(value);
        } else {
          expect(departments).toContain(spec.headOf);
        }
      }
      if ('managerOf' in spec) {
        expect([...names, 'task.owner']).toContain(spec.managerOf);
        expect(spec.levels).toBeGreaterThanOrEqual(1);
      }
      if ('fromInput' in spec) expect(inputFields).toContain(spec.fromInput);
    }
  });

  test('refers only to declared participants and built-ins', () => {
    const known = new Set<string>([...Object.keys(doc.participants ?? {}), ...BUILTIN_PARTICIPANT_REFS]);
    const unknown = placed.flatMap((p) =>
      participantRefs(p.step)
        .filter((ref) => !known.has(withoutManagers(ref)))
        .map((ref) => `${p.id}: ${ref}`),
    );
    expect(unknown).toEqual([]);
  });

  test('gives every human step a deadline and an escalation ladder', () => {
    for (const p of placed) {
      if (!HUMAN_STEP_KINDS.includes(p.step.kind)) continue;
      const step = p.step as Extract<Step, { kind: 'form' | 'tasks' | 'approval' }>;
      const ladder =
        step.kind === 'tasks' ? (step.taskDefaults?.escalation ?? step.escalation) : step.escalation;
      const deadline = step.kind === 'tasks' ? (step.taskDefaults?.deadline ?? step.deadline) : step.deadline;
      expect({ step: p.id, hasLadder: (ladder ?? []).length > 0 }).toEqual({ step: p.id, hasLadder: true });
      if (step.kind !== 'tasks')
        expect({ step: p.id, deadline }).toEqual({ step: p.id, deadline: expect.anything() });
    }
  });

  test('names declared forms, and guards read fields those forms have', () => {
    const formSteps = new Map<string, string>();
    for (const p of placed) {
      if (p.step.kind !== 'form') continue;
      expect(Object.keys(doc.forms ?? {})).toContain(p.step.form);
      formSteps.set(p.id, p.step.form);
    }
    for (const p of placed) {
      if (p.step.kind === 'approval' && p.step.subject !== undefined)
        expect([...formSteps.keys()]).toContain(p.step.subject);
      for (const guard of guards(p.step)) {
        const parsed = parseExpression(guard);
        if (!parsed.ok) throw new Error(`${p.id}: ${guard}: ${parsed.message}`);
        for (const path of parsed.expression.fields.filter((fields) => fields[0] === 'forms')) {
          const [, stepId, field] = path;
          const form = doc.forms?.[formSteps.get(stepId ?? '') ?? ''];
          expect({ guard, stepIsForm: form !== undefined }).toEqual({ guard, stepIsForm: true });
          expect(
            Object.keys((form?.schema.properties as Record<string, unknown> | undefined) ?? {}),
          ).toContain(field);
        }
      }
    }
  });
});
