import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { compileSop } from '../../engine/compiler';
import type { CompiledSop } from '../../engine/model/compiled';
import { timeContextOf } from '../../engine/runtime/deadlines';
import { parseEventScript, type EventScript, type ScriptEntry } from '../../engine/simulate';
import { addDuration } from '../../engine/time';
import { actUpdate, type ActionRequest } from '../../workflows/messages';
import { ROOT, shippedCalendars, shippedDocument } from './sop-fixtures';

/** The shipped SOPs with the event script each one's recorded history is played from. */
export const SCENARIOS = [
  { sop: 'new-product-launch', script: 'new-product-launch.overdue.yaml' },
  { sop: 'change-request-approval', script: 'change-request.send-back.yaml' },
  { sop: 'incident-response', script: 'incident-response.p1.yaml' },
] as const;

export function loadScenario(
  sop: string,
  scriptFile: string,
): { compiled: CompiledSop; script: EventScript } {
  const path = join(ROOT, 'examples', 'simulations', scriptFile);
  const { script, problems } = parseEventScript(readFileSync(path, 'utf8'), path);
  if (!script) throw new Error(`[BAD_SCRIPT] ${problems.map((p) => `${p.line}: ${p.message}`).join('; ')}`);
  return { compiled: compileSop(shippedDocument(sop), { calendars: shippedCalendars() }), script };
}

function toRequest(entry: Extract<ScriptEntry, { kind: 'event' }>): ActionRequest {
  return {
    type: entry.event,
    actor: { user: entry.as ?? 'script' },
    ...(entry.data !== undefined ? { data: entry.data } : {}),
    ...(entry.task !== undefined ? { task: entry.task } : {}),
    ...(entry.status !== undefined ? { status: entry.status } : {}),
    ...(entry.comment !== undefined ? { comment: entry.comment } : {}),
    ...(entry.step !== undefined ? { step: entry.step } : {}),
  };
}

/**
 * Plays an event script against a running project on the time-skipping server: time jumps become
 * `env.sleep`, events become `act` updates. Refusals must match the script's `expect: rejected`.
 * Scripts played here use relative times only (`at: +2h`), since the server clock is real.
 */
export async function playScript(
  env: TestWorkflowEnvironment,
  handle: WorkflowHandle,
  compiled: CompiledSop,
  script: EventScript,
): Promise<void> {
  const zone = timeContextOf(compiled);
  const sleepUntil = async (target: number) => {
    const now = await env.currentTimeMs();
    if (target > now) await env.sleep(target - now);
  };
  for (const entry of script.entries) {
    const now = await env.currentTimeMs();
    if (entry.kind === 'advance') {
      await sleepUntil(addDuration(now, entry.by, zone));
      continue;
    }
    if (entry.at && 'absolute' in entry.at)
      throw new Error(`[ABSOLUTE_TIME] script line ${entry.line}: use '+<duration>'`);
    if (entry.at) await sleepUntil(addDuration(now, entry.at.relative, zone));
    const outcome = await handle.executeUpdate(actUpdate, { args: [toRequest(entry)] }).then(
      () => 'accepted',
      (error: unknown) => {
        if (error instanceof WorkflowUpdateFailedError) return `rejected: ${String(error.cause?.message)}`;
        throw error;
      },
    );
    if ((outcome === 'accepted') === entry.expectRejected) {
      throw new Error(`[SCRIPT_SURPRISE] script line ${entry.line} (${entry.event}): ${outcome}`);
    }
  }
}
