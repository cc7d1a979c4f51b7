import { ProjectDriver } from '../../engine/runtime/driver';
import { initialTransition, transition } from 'xstate';
import { createSopMachine } from '../../engine/runtime/create-machine';
import { resolveParticipants, snapshotOrg } from '../../engine/runtime/participants';
import type { SopDocument } from '../../engine/model/sop';
import {
  compileTest,
  HOUR,
  makeSop,
  MONDAY_9AM,
  runTimersUntil,
  startTest,
  TEST_ORG,
} from '../support/sop-fixtures';
import { explainText } from '../support/explain-text';

describe('choice step', () => {
  const doc: SopDocument = makeSop(
    {
      route: {
        kind: 'choice',
        routes: [
          { when: 'input.cost >= 10000', target: 'big' },
          { when: 'input.impact == "high"', target: 'big' },
        ],
        otherwise: 'small',
      },
      big: { kind: 'final' },
      small: { kind: 'final' },
    },
    { participants: {} },
  );
  it.each([
    [{ cost: 20000, impact: 'low' }, 'big'],
    [{ cost: 10, impact: 'high' }, 'big'],
    [{ cost: 10, impact: 'low' }, 'small'],
  ])('routes %j to %s', (input, expected) => {
    expect(startTest(doc, input).driver.snapshot.value).toBe(expected);
  });
});

describe('wait step', () => {
  const doc: SopDocument = makeSop(
    {
      waiting: {
        kind: 'wait',
        for: 'payment.received',
        until: '3 working days',
        next: 'paid',
        onTimeout: 'late',
      },
      paid: { kind: 'final' },
      late: { kind: 'final', outcome: 'cancelled' },
    },
    { participants: {} },
  );
  it('moves on when the external event arrives', () => {
    const { driver } = startTest(doc, {});
    driver.send({ type: 'payment.received', at: MONDAY_9AM + HOUR, actor: { user: 'erp' } });
    expect(driver.snapshot.value).toBe('paid');
  });
  it('times out in working time, skipping the weekend', () => {
    const { driver } = startTest(doc, {}, Date.parse('2026-12-10T12:00:00Z')); // Thursday
    const [timeout] = runTimersUntil(driver, Date.parse('2026-12-31T00:00:00Z'));
    expect(new Date(timeout!.at).toISOString()).toBe('2026-12-15T12:00:00.000Z'); // Thu → Fri, Mon, Tue
    expect(driver.snapshot.value).toBe('late');
  });
});

describe('notify step', () => {
  it('sends its message to resolved people and moves on at once', () => {
    const doc = makeSop({
      tell: { kind: 'notify', notify: ['pm', 'head'], message: 'Kick-off today', next: 'end' },
      end: { kind: 'final' },
    });
    const { driver, first } = startTest(doc);
    expect(first.effects).toEqual([
      expect.objectContaining({ reason: 'step', to: ['ann', 'mia'], message: 'Kick-off today' }),
    ]);
    expect(driver.snapshot.status).toBe('done');
  });
});

describe('parallel step', () => {
  const doc: SopDocument = makeSop(
    {
      together: {
        kind: 'parallel',
        regions: {
          tech: {
            initial: 'fix',
            steps: {
              fix: { kind: 'form', assignee: 'pm', form: 'note', next: 'fixed' },
              fixed: { kind: 'final' },
            },
          },
          comms: {
            initial: 'tell',
            steps: {
              tell: { kind: 'form', assignee: 'head', form: 'note', next: 'told' },
              told: { kind: 'final' },
            },
          },
        },
        next: 'closed',
      },
      closed: { kind: 'final' },
    },
    { forms: { note: { title: 'Note', schema: { type: 'object' } } } },
  );

  it('runs regions side by side and moves on when all have finished', () => {
    const { driver } = startTest(doc);
    expect(driver.snapshot.value).toEqual({ together: { tech: 'fix', comms: 'tell' } });
    driver.send({ type: 'submit', at: MONDAY_9AM, actor: { user: 'mia' }, data: {} });
    expect(driver.snapshot.value).toEqual({ together: { tech: 'fix', comms: 'told' } });
    expect(explainText(driver, { type: 'submit', at: MONDAY_9AM, actor: { user: 'mia' }, data: {} })).toMatch(
      /assigned to ann/,
    );
    driver.send({ type: 'submit', at: MONDAY_9AM, actor: { user: 'ann' }, data: {} });
    expect(driver.snapshot.value).toBe('closed');
  });

  it('reports the refusal of the step the actor could act on, and takes actions addressed to a step', () => {
    const strict = makeSop(
      {
        together: {
          kind: 'parallel',
          regions: {
            tech: {
              initial: 'fix',
              steps: {
                fix: { kind: 'form', assignee: 'pm', form: 'note', next: 'fixed' },
                fixed: { kind: 'final' },
              },
            },
            docs: {
              initial: 'write',
              steps: {
                write: { kind: 'form', assignee: 'pm', form: 'note', next: 'written' },
                written: { kind: 'final' },
              },
            },
          },
          next: 'closed',
        },
        closed: { kind: 'final' },
      },
      { forms: { note: { title: 'Note', schema: { type: 'object', required: ['text'] } } } },
    );
    const { driver } = startTest(strict);
    expect(
      driver.explain({ type: 'submit', at: MONDAY_9AM, actor: { user: 'mia' }, data: { text: 'x' } }),
    ).toEqual({
      code: 'NOT_ALLOWED',
      message:
        "'mia' may not submit the form in step 'fix': it is assigned to ann; 'mia' may not submit the form in step 'write': it is assigned to ann",
    });
    expect(driver.explain({ type: 'submit', at: MONDAY_9AM, actor: { user: 'ann' }, data: {} })?.code).toBe(
      'INVALID_DATA',
    );
    // The same person owns both steps: addressing the action completes only one of them.
    driver.send({
      type: 'submit',
      at: MONDAY_9AM,
      actor: { user: 'ann' },
      data: { text: 'x' },
      step: 'write',
    });
    expect(driver.snapshot.value).toEqual({ together: { tech: 'fix', docs: 'written' } });
  });
});

describe('custom transitions', () => {
  const doc: SopDocument = makeSop(
    {
      draft: {
        kind: 'form',
        assignee: 'pm',
        form: 'note',
        next: 'end',
        on: {
          cancel: { target: 'cancelled', by: ['head'] },
          escalate: { target: 'end', when: 'event.data.level > 2' },
        },
      },
      end: { kind: 'final' },
      cancelled: { kind: 'final', outcome: 'cancelled' },
    },
    { forms: { note: { title: 'Note', schema: { type: 'object' } } } },
  );
  it('checks who may send an event and its condition', () => {
    const { driver } = startTest(doc);
    expect(explainText(driver, { type: 'cancel', at: MONDAY_9AM, actor: { user: 'ann' } })).toBe(
      "'ann' may not send 'cancel' in step 'draft'; allowed: mia",
    );
    expect(
      explainText(driver, { type: 'escalate', at: MONDAY_9AM, actor: { user: 'ann' }, data: { level: 1 } }),
    ).toBe("the condition for 'escalate' in step 'draft' is not met");
    expect(explainText(driver, { type: 'unknown', at: MONDAY_9AM, actor: { user: 'ann' } })).toBe(
      "no current step accepts 'unknown': 'draft' accepts submit, cancel, escalate",
    );
    driver.send({ type: 'cancel', at: MONDAY_9AM, actor: { user: 'mia' } });
    expect(driver.snapshot.value).toBe('cancelled');
    expect(explainText(driver, { type: 'submit', at: MONDAY_9AM, actor: { user: 'ann' } })).toMatch(
      /the project has ended/,
    );
  });
});

describe('pure transitions', () => {
  it('return delayed events as raise actions with their delays, and cancel them on exit', () => {
    const doc = makeSop(
      {
        ask: {
          kind: 'form',
          assignee: 'pm',
          form: 'note',
          deadline: '48h',
          escalation: [{ after: '24h', goto: 'timedOut' }],
          next: 'end',
        },
        end: { kind: 'final' },
        timedOut: { kind: 'final', outcome: 'cancelled' },
      },
      { forms: { note: { title: 'Note', schema: { type: 'object' } } } },
    );
    const compiled = compileTest(doc);
    const machine = createSopMachine(compiled);
    const org = snapshotOrg(TEST_ORG);
    const start = {
      input: { pm: 'ann' },
      startedAt: MONDAY_9AM,
      org,
      people: resolveParticipants(doc, org, { pm: 'ann' }),
    };
    const [snapshot, actions] = initialTransition(machine, start);
    const delayed = actions
      .filter((a) => a.type === 'xstate.raise')
      .map((a) => a.params as { delay: number; id: string });
    expect(delayed.map((d) => [d.id, d.delay / HOUR])).toEqual([
      ['xstate.after.ask.deadline.ask', 48],
      ['xstate.after.ask.rung.0.ask', 72],
    ]);
    // Delivering the rung's delayed event moves the project, as a durable timer firing would.
    const [late] = transition(machine, snapshot, {
      type: 'xstate.after.ask.rung.0.ask',
      at: MONDAY_9AM + 72 * HOUR,
    });
    expect(late.value).toBe('timedOut');
    const [, exitActions] = transition(machine, snapshot, {
      type: 'submit',
      at: MONDAY_9AM + HOUR,
      actor: { user: 'ann' },
      data: {},
    });
    expect(
      (exitActions as readonly { type: string; params?: unknown }[])
        .filter((a) => a.type === 'xstate.cancel')
        .map((a) => (a.params as { sendId: string }).sendId),
    ).toEqual(['xstate.after.ask.deadline.ask', 'xstate.after.ask.rung.0.ask']);
  });
});

describe('persist and restore', () => {
  it('resumes a project with its state and pending timers, as after continue-as-new', () => {
    const doc = makeSop(
      {
        ask: {
          kind: 'form',
          assignee: 'pm',
          form: 'note',
          deadline: '48h',
          escalation: [{ after: '24h', goto: 'timedOut' }],
          next: 'end',
        },
        end: { kind: 'final' },
        timedOut: { kind: 'final', outcome: 'cancelled' },
      },
      { forms: { note: { title: 'Note', schema: { type: 'object' } } } },
    );
    const { compiled, driver } = startTest(doc);
    const persisted = JSON.parse(JSON.stringify(driver.persist())) as ReturnType<typeof driver.persist>;
    const resumed = ProjectDriver.restore(compiled, persisted);
    expect(resumed.snapshot.value).toBe('ask');
    expect(resumed.pending()).toEqual(driver.pending());
    runTimersUntil(resumed, MONDAY_9AM + 80 * HOUR);
    expect(resumed.snapshot.value).toBe('timedOut');
    const again = ProjectDriver.restore(compiled, persisted);
    again.send({ type: 'submit', at: MONDAY_9AM + HOUR, actor: { user: 'ann' }, data: {} });
    expect(again.snapshot.status).toBe('done');
  });
});
