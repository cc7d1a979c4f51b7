import { isApprovalFlow, listSendBackTargets } from '../model/approval-flow';
import type { EscalationRung, Step, TransitionSpec, TransitionsSpec } from '../model/sop';

/**
 * One arrow out of a step, before it is placed in the diagram: where it goes, what makes it
 * happen (`submit`, `approve`, `overdue +48h`, or nothing for a move that happens at once) and
 * the CEL guard, if any. Plain text; the renderer escapes it.
 */
export interface StepEdge {
  readonly target: string;
  readonly trigger: string;
  readonly guard?: string;
}

function listTransitions(on: TransitionsSpec | undefined): StepEdge[] {
  const edges: StepEdge[] = [];
  for (const [event, spec] of Object.entries(on ?? {})) {
    const specs: readonly (string | TransitionSpec)[] = Array.isArray(spec)
      ? (spec as readonly TransitionSpec[])
      : [spec as string | TransitionSpec];
    for (const one of specs) {
      if (typeof one === 'string') edges.push({ target: one, trigger: event });
      else edges.push({ target: one.target, trigger: event, ...(one.when ? { guard: one.when } : {}) });
    }
  }
  return edges;
}

function listAlways(always: readonly TransitionSpec[] | undefined): StepEdge[] {
  return (always ?? []).map((t) => ({ target: t.target, trigger: '', ...(t.when ? { guard: t.when } : {}) }));
}

/** `0h`, `PT0H`, `0 business days`: the rung fires at the deadline itself. */
function isZeroDuration(text: string): boolean {
  return !/[1-9]/.test(text);
}

function listEscalationGotos(rungs: readonly EscalationRung[] | undefined, prefix: string): StepEdge[] {
  const edges: StepEdge[] = [];
  for (const rung of rungs ?? []) {
    if (rung.goto === undefined) continue;
    const overdue = isZeroDuration(rung.after) ? 'overdue' : `overdue +${rung.after}`;
    edges.push({ target: rung.goto, trigger: prefix + overdue });
  }
  return edges;
}

function describeUntil(until: NonNullable<Extract<Step, { kind: 'wait' }>['until']>): string {
  if (typeof until === 'string') return `timeout (${until})`;
  return until.before ? `timeout (${until.at} - ${until.before})` : `timeout (${until.at})`;
}

/** The arrows a step's kind implies: `next` of a form is `submit`, an approval's two outcomes, … */
function listKindEdges(step: Step): StepEdge[] {
  switch (step.kind) {
    case 'form': {
      const trigger = step.respondents ? 'submit (every department)' : 'submit';
      return step.next === undefined ? [] : [{ target: step.next, trigger }];
    }
    case 'tasks':
      return step.next === undefined ? [] : [{ target: step.next, trigger: 'all tasks closed' }];
    case 'approval': {
      const edges: StepEdge[] = [
        { target: step.onApprove, trigger: 'approve' },
        { target: step.onReject, trigger: 'reject' },
      ];
      // Approval flows: send back (退回) to an earlier step, withdraw (撤回) by the requester.
      const sendBack = isApprovalFlow(step) ? listSendBackTargets(step) : [];
      for (const target of sendBack) edges.push({ target, trigger: 'send back' });
      if (step.onWithdraw !== undefined) edges.push({ target: step.onWithdraw, trigger: 'withdraw' });
      return edges;
    }
    case 'wait': {
      const edges: StepEdge[] = [];
      if (step.for !== undefined) edges.push({ target: step.next, trigger: step.for });
      if (step.until !== undefined) {
        edges.push({ target: step.onTimeout ?? step.next, trigger: describeUntil(step.until) });
      }
      return edges;
    }
    case 'notify':
      return [{ target: step.next, trigger: '' }];
    case 'choice':
      return [
        ...step.routes.map((route) => ({ target: route.target, trigger: '', guard: route.when })),
        { target: step.otherwise, trigger: 'otherwise' },
      ];
    case 'parallel':
      return [{ target: step.next, trigger: 'all regions done' }];
    case 'final':
      return [];
  }
}

/**
 * Every arrow out of a step, in a fixed order: the kind's own moves, then `on:` transitions in
 * document order, then `always:`, then escalation rungs that move the project (`goto`), the
 * step's own and then its tasks'. Final steps have none (the renderer draws their `[*]`).
 *
 * @example
 * listStepEdges({ kind: 'approval', assignee: 'cto', onApprove: 'done', onReject: 'revise' });
 * // => [{ target: 'done', trigger: 'approve' }, { target: 'revise', trigger: 'reject' }]
 */
export function listStepEdges(step: Step): StepEdge[] {
  const edges = listKindEdges(step);
  if (step.kind === 'final') return edges;
  edges.push(...listTransitions(step.on), ...listAlways(step.always));
  if (step.kind === 'form' || step.kind === 'tasks' || step.kind === 'approval') {
    edges.push(...listEscalationGotos(step.escalation, ''));
  }
  if (step.kind === 'tasks') edges.push(...listEscalationGotos(step.taskDefaults?.escalation, 'task '));
  return edges;
}
