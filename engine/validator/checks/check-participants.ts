import { BUILTIN_PARTICIPANT_REFS } from '../../model/sop';
import { suggest, type SopCheck } from '../check-context';
import { checkInputField } from '../input-fields';
import type { Report } from '../reporter';
import { withArticle, type SopIndex } from '../sop-index';
import { listPeopleRefs } from '../step-people';

const BUILTINS: readonly string[] = BUILTIN_PARTICIPANT_REFS;

/**
 * People references must name a declared participant or a built-in; `task.…` built-ins (and
 * participants defined from them, like `managerOf: task.owner`) only make sense inside a tasks
 * step. Participant definitions must hold together: `managerOf` names a participant (or
 * `task.owner`) without loops, and `fromInput` / `headOf: input.x` name declared input fields.
 *
 * @example
 * ```ts
 * checkParticipants(indexSop(doc), report, {}); // UNKNOWN_PARTICIPANT for `assignee: pmm`
 * ```
 */
export const checkParticipants: SopCheck = (index, report) => {
  const declared = [...index.participants.keys()];
  checkDefinitions(index, report);
  const taskBound = findTaskBound(index);
  for (const entry of index.steps) {
    for (const { ref: written, path } of listPeopleRefs(entry)) {
      // `pm.manager.manager` is checked as `pm`: the suffix walks up the org chain at run time.
      const ref = written.replace(/(\.manager)+$/, '');
      const isTaskRef = BUILTINS.includes(ref) ? ref.startsWith('task.') : taskBound.has(ref);
      if (!BUILTINS.includes(ref) && !index.participants.has(ref)) {
        report({
          code: 'UNKNOWN_PARTICIPANT',
          path,
          message: `step '${entry.id}' refers to '${ref}', which is neither a declared participant nor a built-in`,
          hint: `${suggest(ref, [...declared, ...BUILTINS], 'the participants and built-ins')}; declare new ones under 'participants'`,
        });
      } else if (isTaskRef && entry.kind !== undefined && entry.kind !== 'tasks') {
        report({
          code: 'TASK_REF_OUTSIDE_TASKS',
          path,
          message: `'${ref}' means someone of a task, but step '${entry.id}' is ${withArticle(entry.kind)} step, which has no tasks`,
          hint: "use 'assignee', 'members' or a declared participant here; 'task.…' works inside tasks steps",
        });
      }
    }
  }
};

function checkDefinitions(index: SopIndex, report: Report): void {
  const declared = [...index.participants.keys()];
  for (const [name, spec] of index.participants) {
    const usage = `participant '${name}'`;
    if (
      typeof spec.managerOf === 'string' &&
      spec.managerOf !== 'task.owner' &&
      !index.participants.has(spec.managerOf)
    ) {
      report({
        code: 'UNKNOWN_PARTICIPANT',
        path: ['participants', name, 'managerOf'],
        message: `participant '${name}' is the manager of '${spec.managerOf}', which is not a declared participant`,
        hint: `${suggest(spec.managerOf, declared, 'the participants')}; 'task.owner' is also allowed`,
      });
    }
    if (typeof spec.fromInput === 'string') {
      checkInputField(index, report, [spec.fromInput], ['participants', name, 'fromInput'], usage);
    }
    if (typeof spec.headOf === 'string' && spec.headOf.startsWith('input.')) {
      checkInputField(
        index,
        report,
        spec.headOf.slice('input.'.length).split('.'),
        ['participants', name, 'headOf'],
        usage,
      );
    }
  }
  reportManagerLoops(index, report);
}

/** `a: { managerOf: b }`, `b: { managerOf: a }` can never resolve; report each loop once. */
function reportManagerLoops(index: SopIndex, report: Report): void {
  const reported = new Set<string>();
  for (const start of index.participants.keys()) {
    const chain: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && !chain.includes(current)) {
      chain.push(current);
      const managerOf: unknown = index.participants.get(current)?.managerOf;
      current = typeof managerOf === 'string' && index.participants.has(managerOf) ? managerOf : undefined;
    }
    if (current === undefined) continue;
    const loop = chain.slice(chain.indexOf(current));
    if (loop.some((name) => reported.has(name))) continue;
    loop.forEach((name) => reported.add(name));
    report({
      code: 'PARTICIPANT_CYCLE',
      path: ['participants', loop[0]!, 'managerOf'],
      message: `participants ${loop.map((n) => `'${n}'`).join(' → ')} → '${loop[0]!}' are defined as each other's managers in a loop`,
      hint: "end the chain at a participant defined by 'user', 'role', 'headOf' or 'fromInput'",
    });
  }
}

/** Participants whose `managerOf` chain ends at `task.owner`: they exist only for a task. */
function findTaskBound(index: SopIndex): Set<string> {
  const bound = new Set<string>();
  for (const name of index.participants.keys()) {
    const seen = new Set<string>();
    let current: unknown = name;
    while (typeof current === 'string' && index.participants.has(current) && !seen.has(current)) {
      seen.add(current);
      current = index.participants.get(current)?.managerOf;
    }
    if (typeof current === 'string' && current.startsWith('task.')) bound.add(name);
  }
  return bound;
}
