/**
 * Realistic history entries for audit tests: the recorded project histories in test/histories
 * (real Temporal histories, one per shipped SOP) turned into `HistoryEntry[]` by the API's own
 * `runEntries`, as `GET /projects/:id/history` does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultFailureConverter, defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { createPayloadDecoder } from '../../../api/history/decode-payloads';
import type { HistoryEntry } from '../../../api/history/history-entry';
import { runEntries } from '../../../api/history/run-entries';

export const ROOT = join(__dirname, '..', '..', '..');

export const RECORDED_PROJECTS = [
  'change-request-approval',
  'incident-response',
  'new-product-launch',
] as const;
export type RecordedProject = (typeof RECORDED_PROJECTS)[number];

const decode = createPayloadDecoder({
  payloadConverter: defaultPayloadConverter,
  failureConverter: defaultFailureConverter,
  payloadCodecs: [],
});

interface JsonEvent {
  eventId: string;
  workflowExecutionUpdateAcceptedEventAttributes?: { acceptedRequest?: { meta?: { updateId?: string } } };
  workflowExecutionUpdateCompletedEventAttributes?: {
    acceptedEventId?: string;
    meta?: { updateId?: string };
  };
}

/**
 * The business entries of a recorded project, as the API reads them.
 *
 * @example
 * const entries = await loadRecordedEntries('new-product-launch');
 */
export async function loadRecordedEntries(project: RecordedProject): Promise<HistoryEntry[]> {
  const json = JSON.parse(readFileSync(join(ROOT, 'test', 'histories', `${project}.json`), 'utf8')) as {
    events: JsonEvent[];
  };
  const history = historyFromJSON(json);
  return runEntries(history.events ?? [], {
    namespace: 'default',
    workflowId: `project-${project}`,
    runId: `run-${project}`,
    decode,
  });
}
