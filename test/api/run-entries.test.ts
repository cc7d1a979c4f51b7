/**
 * The history mapping for events a short API test cannot produce on a real-time dev server:
 * timers that fire days later, continue-as-new, and workflows ended by an operator.
 */
import { defaultFailureConverter, defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createPayloadDecoder } from '../../api/history/decode-payloads';
import { runEntries } from '../../api/history/run-entries';

const decode = createPayloadDecoder({
  payloadConverter: defaultPayloadConverter,
  failureConverter: defaultFailureConverter,
  payloadCodecs: [],
});
const run = { namespace: 'default', workflowId: 'project-1', runId: 'run-2', decode };
const payloads = (...values: unknown[]) => ({
  payloads: values.map((v) => defaultPayloadConverter.toPayload(v)),
});
const at = (iso: string) => ({ seconds: Date.parse(iso) / 1000, nanos: 0 });
/** A real protobuf event, with Long ids and times, as the client decodes them from the server. */
const event = (fields: Record<string, unknown>) => temporal.api.history.v1.HistoryEvent.fromObject(fields);

describe('runEntries', () => {
  it('lists fired timers, the effects they caused, and continue-as-new; skips the resumed kickoff', async () => {
    const escalation = {
      kind: 'notify',
      id: 'requirement:escalation:7',
      at: 0,
      reason: 'escalation',
      step: 'requirement',
      refs: ['assignee', 'marketingHead'],
      to: ['he.yun', 'li.na'],
      message: '需求表已逾期',
      rung: 0,
    };
    const entries = await runEntries(
      [
        event({
          eventId: 1,
          eventTime: at('2026-12-01T01:00:00Z'),
          workflowExecutionStartedEventAttributes: { input: payloads({ resume: { value: 'requirement' } }) },
        }),
        event({
          eventId: 5,
          eventTime: at('2026-12-02T01:00:00Z'),
          timerFiredEventAttributes: { timerId: '1' },
        }),
        event({
          eventId: 8,
          eventTime: at('2026-12-02T01:00:01Z'),
          activityTaskScheduledEventAttributes: {
            activityId: '1',
            activityType: { name: 'deliverEffect' },
            input: payloads(escalation),
          },
        }),
        event({
          eventId: 12,
          eventTime: at('2026-12-02T01:00:02Z'),
          workflowExecutionContinuedAsNewEventAttributes: { newExecutionRunId: 'run-3' },
        }),
      ],
      run,
    );
    expect(entries).toEqual([
      { kind: 'timer', at: '2026-12-02T01:00:00.000Z', event: 5, timer: '1' },
      {
        kind: 'notification',
        at: '2026-12-02T01:00:01.000Z',
        event: 8,
        notification: 'requirement:escalation:7',
        reason: 'escalation',
        step: 'requirement',
        recipients: ['he.yun', 'li.na'],
        message: '需求表已逾期',
        rung: 0,
        delivered: false,
      },
      { kind: 'continued-as-new', at: '2026-12-02T01:00:02.000Z', event: 12, nextRunId: 'run-3' },
    ]);
  });

  it('says how a workflow ended when it did not complete', async () => {
    const entries = await runEntries(
      [
        event({
          eventId: 20,
          eventTime: at('2026-12-03T00:00:00Z'),
          workflowExecutionTerminatedEventAttributes: { reason: 'duplicate project', identity: 'ops' },
        }),
      ],
      run,
    );
    expect(entries).toEqual([
      {
        kind: 'ended',
        at: '2026-12-03T00:00:00.000Z',
        event: 20,
        how: 'terminated',
        reason: 'duplicate project',
      },
    ]);
  });
});
