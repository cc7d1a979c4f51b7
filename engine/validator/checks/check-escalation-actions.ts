import { suggest, type SopCheck } from '../check-context';
import { describePath } from '../describe-path';
import { asMap, listItems, withArticle } from '../sop-index';
import { listWorkClocks } from '../step-timing';

/** The events an escalation may send on a person's behalf, per step kind. */
const AUTOMATIC_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  form: ['submit'],
  approval: ['approve', 'reject'],
  tasks: [],
};

/**
 * An escalation rung's `action` must be an event the step accepts: `submit` for a form step,
 * `approve` or `reject` for an approval; a tasks step has none (tasks are not finished for
 * their owners).
 *
 * @example
 * ```ts
 * checkEscalationActions(indexSop(doc), report, {}); // INVALID_ESCALATION_ACTION for `action: approve` on a form
 * ```
 */
export const checkEscalationActions: SopCheck = (index, report) => {
  const steps = asMap(index.doc.steps) ?? {};
  const hasCancelledFinal = Object.values(steps).some(
    (s) => asMap(s)?.kind === 'final' && asMap(s)?.outcome === 'cancelled',
  );
  for (const entry of index.steps) {
    const stepLadder = listWorkClocks(entry).find((c) => c.scope === 'step');
    for (const [rung, i] of listItems(stepLadder?.escalation)) {
      if (asMap(rung)?.cancel !== true || asMap(rung)?.goto !== undefined || hasCancelledFinal) continue;
      report({
        code: 'NO_CANCELLED_FINAL',
        path: [...(stepLadder?.path ?? entry.path), 'escalation', i, 'cancel'],
        message: `step '${entry.id}' cancels the project on escalation, but the SOP has no final step with outcome 'cancelled'`,
        hint: "add e.g. 'cancelled: { kind: final, outcome: cancelled }' under steps, or use 'goto' instead",
      });
    }
    const allowed = entry.kind === undefined ? undefined : AUTOMATIC_ACTIONS[entry.kind];
    if (!allowed) continue;
    for (const clock of listWorkClocks(entry)) {
      for (const [rung, i] of listItems(clock.escalation)) {
        const action = asMap(rung)?.action;
        if (typeof action !== 'string' || allowed.includes(action)) continue;
        const rungPath = [...clock.path, 'escalation', i];
        report({
          code: 'INVALID_ESCALATION_ACTION',
          path: [...rungPath, 'action'],
          message:
            allowed.length === 0
              ? `${describePath(rungPath, index.doc, 'the SOP')} takes action '${action}', but a tasks step accepts no automatic action`
              : `${describePath(rungPath, index.doc, 'the SOP')} takes action '${action}', which ${withArticle(entry.kind ?? '')} step does not accept`,
          hint:
            allowed.length === 0
              ? "use 'notify', 'reassign' or 'goto' instead"
              : `${suggest(action, allowed, 'the accepted actions')}; or use 'notify', 'reassign' or 'goto'`,
        });
      }
    }
  }
};
