import type { SopCheck } from '../check-context';
import type { Report } from '../reporter';
import { buildStepGraph, resolveInitial, type StepGraph } from '../step-graph';
import { findStronglyConnected } from '../strongly-connected';

/**
 * Finds steps no project can reach (UNREACHABLE_STEP, a warning) and steps from which no
 * project can ever finish (NO_PATH_TO_FINAL). Each is reported once, at its cause: of a chain
 * of unreachable steps only the first, whose missing incoming link is the mistake; of stuck
 * steps only the dead end or closed loop that everything before it runs into. A parallel step
 * finishes when every region can reach one of its final steps and its `next` can finish.
 * Skipped when `initial` names no step at all, or when step ids are duplicated (the graph
 * is ambiguous then); both are reported by other checks.
 *
 * @example
 * ```ts
 * checkReachability(indexSop(doc), report, {}); // UNREACHABLE_STEP for an orphan step
 * ```
 */
export const checkReachability: SopCheck = (index, report) => {
  if (index.steps.length !== index.stepsById.size) return;
  const topLevel = index.steps.filter((s) => !s.region).map((s) => s.id);
  const start = resolveInitial(index.initial, topLevel);
  if (start === undefined) return;
  const graph = buildStepGraph(index);
  const reachable = findReachable(graph, start);
  // Steps of a region whose `initial` names none of them are unreachable only because of that
  // (reported as UNKNOWN_INITIAL): count them as reached.
  for (const region of index.regions) {
    if (resolveInitial(region.initial, region.stepIds) === undefined)
      region.stepIds.forEach((id) => reachable.add(id));
  }
  // A target that resembles no step might have meant any of them: "never reached" would be a guess.
  if (!graph.ids.some((id) => graph.hasUnknownTarget(id))) reportUnreachable(start, graph, reachable, report);
  reportStuck(graph, reachable, report);
};

function findReachable(graph: StepGraph, start: string): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of graph.next(queue[i]!)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

function reportUnreachable(start: string, graph: StepGraph, reachable: Set<string>, report: Report): void {
  const orphans = graph.ids.filter((id) => !reachable.has(id));
  if (orphans.length === 0) return;
  const orphanSet = new Set(orphans);
  const within = (id: string) => graph.next(id).filter((n) => orphanSet.has(n));
  const components = findStronglyConnected(orphans, within);
  const componentOf = new Map<string, number>();
  components.forEach((members, i) => members.forEach((m) => componentOf.set(m, i)));
  // A component that another unreachable step leads into is unreachable only because of it.
  const fed = new Set<number>();
  for (const id of orphans) {
    for (const next of within(id))
      if (componentOf.get(next) !== componentOf.get(id)) fed.add(componentOf.get(next)!);
  }
  components.forEach((members, i) => {
    if (fed.has(i)) return;
    const first = firstInDocumentOrder(graph, members);
    const entry = graph.entry(first);
    if (!entry) return;
    const downstream = countDownstream(first, within);
    const where = entry.region
      ? `; a region starts at its 'initial' (${entry.region.initial ?? 'none'})`
      : `; projects start at '${start}'`;
    report({
      code: 'UNREACHABLE_STEP',
      path: entry.path,
      message:
        `step '${first}' is never reached: no transition leads to it${where}` +
        (downstream > 0
          ? ` (so ${downstream} step${downstream === 1 ? '' : 's'} after it are never reached either)`
          : ''),
      hint: `add a transition to '${first}' (e.g. next: ${first}), or remove the step`,
    });
  });
}

function reportStuck(graph: StepGraph, reachable: Set<string>, report: Report): void {
  const finishes = findFinishing(graph);
  const stuck = graph.ids.filter((id) => reachable.has(id) && !finishes.has(id));
  if (stuck.length === 0) return;
  const stuckSet = new Set(stuck);
  const within = (id: string) => graph.next(id).filter((n) => stuckSet.has(n));
  const components = findStronglyConnected(stuck, within);
  for (const members of components) {
    const memberSet = new Set(members);
    // Report only where the trouble starts: components that lead to no other stuck step.
    if (members.some((m) => within(m).some((n) => !memberSet.has(n)))) continue;
    const first = firstInDocumentOrder(graph, members);
    const entry = graph.entry(first);
    if (!entry) continue;
    const scope = entry.region ? `a final step of region '${entry.region.name}'` : 'a final step';
    const isDeadEnd = members.length === 1 && graph.next(first).length === 0;
    const names = members
      .slice()
      .sort((a, b) => graph.ids.indexOf(a) - graph.ids.indexOf(b))
      .map((m) => `'${m}'`)
      .join(', ');
    report({
      code: 'NO_PATH_TO_FINAL',
      path: entry.path,
      message: isDeadEnd
        ? `step '${first}' is a dead end: it moves to no other step and is not final, so projects that reach it never end`
        : `steps ${names} only lead to each other: no path from them reaches ${scope}, so projects that reach them never end`,
      hint: isDeadEnd
        ? `add where to go next (e.g. 'next: …'), or make it 'kind: final'`
        : `give one of them a transition towards ${scope}`,
    });
  }
}

/** Steps from which a project (or their region) can come to an end, grown backwards from the ends. */
function findFinishing(graph: StepGraph): Set<string> {
  const before = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    const list = before.get(to);
    if (list) list.push(from);
    else before.set(to, [from]);
  };
  for (const id of graph.ids) {
    for (const next of graph.leave(id)) link(id, next);
    for (const start of graph.regionStarts(id)) if (start !== undefined) link(id, start);
    const after = graph.afterRegions(id);
    if (after !== undefined) link(id, after);
  }
  const finishes = new Set<string>();
  const queue = graph.ids.filter((id) => canFinish(graph, id, finishes));
  for (const id of queue) finishes.add(id);
  for (let i = 0; i < queue.length; i++) {
    for (const previous of before.get(queue[i]!) ?? []) {
      if (finishes.has(previous) || !canFinish(graph, previous, finishes)) continue;
      finishes.add(previous);
      queue.push(previous);
    }
  }
  return finishes;
}

function canFinish(graph: StepGraph, id: string, finishes: Set<string>): boolean {
  const entry = graph.entry(id);
  // A step with an unknown target, or without a valid kind, is already reported; do not pile a
  // second problem on it.
  if (entry?.kind === undefined || entry.kind === 'final' || graph.hasUnknownTarget(id)) return true;
  if (graph.leave(id).some((next) => finishes.has(next))) return true;
  if (entry?.kind !== 'parallel') return false;
  const regionsEnd = graph.regionStarts(id).every((start) => start === undefined || finishes.has(start));
  const after = graph.afterRegions(id);
  return regionsEnd && (after === undefined || finishes.has(after));
}

function firstInDocumentOrder(graph: StepGraph, members: readonly string[]): string {
  return members.reduce((a, b) => (graph.ids.indexOf(a) <= graph.ids.indexOf(b) ? a : b));
}

function countDownstream(start: string, next: (id: string) => readonly string[]): number {
  const seen = new Set([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const n of next(queue[i]!)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen.size - 1;
}
