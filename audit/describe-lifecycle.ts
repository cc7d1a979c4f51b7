import type { CompletedEntry, ContinuedEntry, EndedEntry, KickoffEntry } from '../api/history/history-entry';
import { SYSTEM_USER, type AuditAction, type UnchainedAuditEntry } from './audit-entry';
import { outcomeStatus, type TrailState } from './trail-state';
import { clip, quote, stepName } from './wording';

const ENGINE = { user: SYSTEM_USER } as const;

function sourceOf(runId: string | undefined, event: number): UnchainedAuditEntry['source'] {
  return { kind: 'temporal', ...(runId ? { runId } : {}), eventId: event };
}

/** Scalar input values as `key=value`, for a readable sentence; the full input is in `after`. */
function inputWords(input: unknown): string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return '';
  const pairs = Object.entries(input as Record<string, unknown>).map(([key, value]) =>
    typeof value === 'object' && value !== null
      ? `${key}=${JSON.stringify(value)}`
      : `${key}=${String(value)}`,
  );
  return pairs.length > 0 ? ` with input ${clip(pairs.join(', '))}` : '';
}

/**
 * The project's start: which SOP version it is pinned to, its input and who plays which role.
 * The project id goes into `after`, so the whole chain is bound to one project.
 *
 * @example
 * describeKickoff('project-3f2a', kickoff).summary;
 * // => "Project project-3f2a started from SOP '新产品上市' (new-product-launch 1.0.0) with input projectName=Aurora, …."
 */
export function describeKickoff(projectId: string, entry: KickoffEntry): UnchainedAuditEntry {
  const { sop } = entry;
  return {
    at: entry.at,
    actor: ENGINE,
    action: 'project.kickoff',
    summary: `Project ${projectId} started from SOP '${sop.title}' (${sop.id} ${sop.version})${inputWords(entry.input)}.`,
    after: {
      project: projectId,
      status: 'active',
      sop: { id: sop.id, version: sop.version, hash: sop.hash },
      ...(entry.input !== undefined ? { input: entry.input } : {}),
      participants: entry.participants,
    },
    source: sourceOf(entry.runId, entry.event),
  };
}

/**
 * Continue-as-new: Temporal bookkeeping that keeps a long project's history small. Nothing
 * changes for the project; the entry is there so the next entries' run ids make sense.
 *
 * @example
 * describeContinued(entry, state).summary;
 * // => 'The engine moved the project to a new Temporal run (run-3) to keep its history small; nothing changed for the project.'
 */
export function describeContinued(entry: ContinuedEntry, state: TrailState): UnchainedAuditEntry {
  return {
    at: entry.at,
    actor: ENGINE,
    action: 'project.continued',
    summary: `The engine moved the project to a new Temporal run (${entry.nextRunId}) to keep its history small; nothing changed for the project.`,
    after: { runId: entry.nextRunId },
    source: sourceOf(state.runId, entry.event),
  };
}

function outcomeFields(outcome: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (typeof outcome !== 'object' || outcome === null) return fields;
  for (const key of ['status', 'finalStep', 'outcome', 'reason'] as const) {
    const value = (outcome as Record<string, unknown>)[key];
    if (typeof value === 'string' && value !== '') fields[key] = value;
  }
  return fields;
}

function completedSummary(fields: Record<string, string>, status: string): string {
  if (status === 'cancelled') {
    return `The project ended as cancelled${fields.reason ? `: ${quote(fields.reason)}` : ''}.`;
  }
  const where = fields.finalStep ? `its final ${stepName(fields.finalStep)}` : 'a final step';
  const outcome = fields.outcome ? ` (outcome: ${fields.outcome})` : '';
  return `The project reached ${where} and ended with status ${status}${outcome}.`;
}

/**
 * The project's workflow finished: it reached a final step, or it was cancelled (status
 * `cancelled`, after someone's `project.cancel` or a final step that cancels).
 *
 * @example
 * describeCompleted(entry, state).summary;
 * // => "The project reached its final step 'closed' and ended with status completed (outcome: completed)."
 */
export function describeCompleted(entry: CompletedEntry, state: TrailState): UnchainedAuditEntry {
  const fields = outcomeFields(entry.outcome);
  const status = outcomeStatus(entry.outcome) ?? 'completed';
  return {
    at: entry.at,
    actor: ENGINE,
    action: status === 'cancelled' ? 'project.cancelled' : 'project.completed',
    summary: completedSummary(fields, status),
    ...(fields.finalStep ? { step: fields.finalStep } : {}),
    ...(fields.reason ? { reason: fields.reason } : {}),
    after: { ...fields, status },
    source: sourceOf(state.runId, entry.event),
  };
}

const ENDINGS: Readonly<Record<EndedEntry['how'], { action: AuditAction; words: string }>> = {
  failed: { action: 'project.failed', words: 'failed' },
  terminated: { action: 'project.terminated', words: 'was terminated by an operator' },
  cancelled: { action: 'project.cancelled', words: 'was cancelled' },
  'timed-out': { action: 'project.timed-out', words: 'timed out' },
};

/**
 * The project's workflow ended without reaching a final step.
 *
 * @example
 * describeEnded(entry, state).summary;
 * // => 'The project was terminated by an operator before reaching a final step: “duplicate project”.'
 */
export function describeEnded(entry: EndedEntry, state: TrailState): UnchainedAuditEntry {
  const ending = ENDINGS[entry.how];
  return {
    at: entry.at,
    actor: ENGINE,
    action: ending.action,
    summary: `The project ${ending.words} before reaching a final step${entry.reason ? `: ${quote(entry.reason)}` : ''}.`,
    ...(entry.reason ? { reason: entry.reason } : {}),
    ...(state.projectStatus ? { before: { status: state.projectStatus } } : {}),
    after: { status: entry.how },
    source: sourceOf(state.runId, entry.event),
  };
}
