/**
 * The recorded project histories (test/histories) as KPI inputs: the business entries exactly as
 * `GET /projects/:id/history` lists them, and the final state view rebuilt by replaying the
 * recorded actions and timers through the engine's ProjectDriver at the workflow times Temporal
 * recorded (the `state` query cannot be asked of a closed, replayed history).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultFailureConverter, defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { createPayloadDecoder } from '../../../api/history/decode-payloads';
import type { HistoryEntry } from '../../../api/history/history-entry';
import { runEntries } from '../../../api/history/run-entries';
import { ProjectDriver } from '../../../engine/runtime/driver';
import type { TaskStatus } from '../../../engine/model/sop';
import type { ProjectArgs } from '../../../workflows/messages';
import { buildProjectView } from '../../../workflows/project-view';
import type { ProjectRecord } from '../../../kpis';
import { ROOT } from '../../support/sop-fixtures';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const HISTORY_DIR = join(ROOT, 'test', 'histories');
const decode = createPayloadDecoder({
  payloadConverter: defaultPayloadConverter,
  failureConverter: defaultFailureConverter,
  payloadCodecs: [],
});

const eventMs = (event: HistoryEvent): number =>
  Number(event.eventTime?.seconds?.toString() ?? 0) * 1000 + Math.floor((event.eventTime?.nanos ?? 0) / 1e6);

/**
 * Event id → the workflow's clock when it handled that event: the time of the workflow task that
 * was running (`Date.now()` inside a workflow is its task's start time), which is what the
 * project stamped on actions, not the later time Temporal wrote the update into history.
 */
function workflowClock(events: readonly HistoryEvent[]): Map<number, number> {
  const clock = new Map<number, number>();
  let now = 0;
  for (const event of events) {
    if (event.workflowTaskStartedEventAttributes) now = eventMs(event);
    clock.set(Number(event.eventId?.toString() ?? 0), now);
  }
  return clock;
}

/** Replays the recorded actions and due timers through the driver, as the workflow did. */
function rebuildView(
  args: ProjectArgs,
  startedAt: number,
  entries: readonly HistoryEntry[],
  clock: Map<number, number>,
) {
  const driver = new ProjectDriver(args.compiled);
  driver.start({ ...args.start, startedAt: args.start.startedAt ?? startedAt });
  const fireUntil = (at: number) => {
    for (
      let t = driver.pending()[0];
      t && t.at <= at && driver.snapshot.status === 'active';
      t = driver.pending()[0]
    )
      driver.fire(t);
  };
  let last = startedAt;
  for (const entry of entries) {
    if (entry.kind !== 'action') continue;
    const at = clock.get(entry.event) ?? Date.parse(entry.at);
    fireUntil(at);
    driver.send({
      type: entry.type,
      at,
      actor: entry.actor,
      ...(entry.data !== undefined ? { data: entry.data } : {}),
      ...(entry.task !== undefined ? { task: entry.task } : {}),
      ...(entry.status !== undefined ? { status: entry.status as TaskStatus } : {}),
      ...(entry.comment !== undefined ? { comment: entry.comment } : {}),
    });
    last = at;
  }
  const end = entries.find((e) => e.kind === 'completed' || e.kind === 'ended');
  fireUntil(end ? (clock.get(end.event) ?? Date.parse(end.at)) : last);
  return buildProjectView(args.compiled, driver.snapshot, driver.pending());
}

/** One recorded history as a ProjectRecord (id = the file's SOP name). */
export async function loadRecordedProject(file: string): Promise<ProjectRecord> {
  const json: unknown = JSON.parse(readFileSync(join(HISTORY_DIR, file), 'utf8'));
  const events = historyFromJSON(json).events ?? [];
  const id = `recorded-${file.replace(/\.json$/, '')}`;
  const history = await runEntries(events, {
    namespace: 'default',
    workflowId: id,
    runId: 'recorded',
    decode,
  });
  const first = events[0];
  if (!first) throw new Error(`[EMPTY_HISTORY] ${file}`);
  const context = { type: 'workflow' as const, namespace: 'default', workflowId: id };
  const [args] = (await decode(first.workflowExecutionStartedEventAttributes?.input?.payloads, context)) as [
    ProjectArgs,
  ];
  const clock = workflowClock(events);
  // The workflow stamps its start with its first workflow task's clock.
  const firstTask = events.find((e) => e.workflowTaskStartedEventAttributes);
  const startedAt = firstTask ? eventMs(firstTask) : eventMs(first);
  return { id, view: rebuildView(args, startedAt, history, clock), history };
}

/** Every recorded history, in file order. */
export async function loadRecordedProjects(): Promise<ProjectRecord[]> {
  const files = readdirSync(HISTORY_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return Promise.all(files.map(loadRecordedProject));
}
