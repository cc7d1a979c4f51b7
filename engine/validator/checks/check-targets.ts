import type { SopCheck } from '../check-context';
import { suggest } from '../check-context';
import type { StepEntry } from '../sop-index';
import { listTargets } from '../step-transitions';

/**
 * Every transition target, the SOP's `initial` and each region's `initial` must name a step.
 * `initial` must name a step of its own level: a top-level step for the SOP, a step of the
 * region for a region.
 *
 * @example
 * ```ts
 * checkTargets(indexSop(doc), report, {}); // reports UNKNOWN_TARGET for `next: breakdwn`
 * ```
 */
export const checkTargets: SopCheck = (index, report) => {
  const allIds = [...index.stepsById.keys()];
  const topLevel = index.steps.filter((s) => !s.region).map((s) => s.id);

  if (index.initial !== undefined && !topLevel.includes(index.initial)) {
    const elsewhere = index.stepsById.has(index.initial);
    report({
      code: 'UNKNOWN_INITIAL',
      path: ['initial'],
      message: elsewhere
        ? `'initial' names '${index.initial}', a step inside a parallel region; a project must start at a top-level step`
        : `'initial' names '${index.initial}', which is not a step`,
      hint: suggest(index.initial, topLevel, 'the top-level steps'),
    });
  }

  for (const region of index.regions) {
    if (region.initial === undefined || region.stepIds.includes(region.initial)) continue;
    report({
      code: 'UNKNOWN_INITIAL',
      path: [...region.path, 'initial'],
      message: `'initial' of region '${region.name}' of step '${region.parallel}' names '${region.initial}', which is not a step of this region`,
      hint: suggest(region.initial, region.stepIds, "the region's steps"),
    });
  }

  const known = new Set(allIds);
  for (const entry of index.steps) checkStepTargets(entry, allIds, known, report);
};

function checkStepTargets(
  entry: StepEntry,
  allIds: readonly string[],
  known: ReadonlySet<string>,
  report: Parameters<SopCheck>[1],
): void {
  for (const { target, path, via } of listTargets(entry)) {
    if (known.has(target)) continue;
    report({
      code: 'UNKNOWN_TARGET',
      path,
      message: `step '${entry.id}' goes to '${target}' (${via}), but there is no step '${target}'`,
      hint: suggest(target, allIds, 'the steps'),
    });
  }
}
