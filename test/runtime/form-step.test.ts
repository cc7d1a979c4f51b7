import { RejectedActionError } from '../../engine/runtime/driver';
import type { SopDocument } from '../../engine/model/sop';
import { HOUR, makeSop, MONDAY_9AM, runTimersUntil, startTest } from '../support/sop-fixtures';
import { explainText } from '../support/explain-text';

const doc: SopDocument = makeSop(
  {
    request: {
      kind: 'form',
      title: 'Request',
      assignee: 'pm',
      form: 'req',
      deadline: '24h',
      reminders: [{ before: '4h', notify: ['assignee'] }],
      escalation: [
        { after: '0h', notify: ['head'] },
        { after: '24h', notify: ['boss'], reassign: 'head' },
      ],
      next: 'done',
    },
    done: { kind: 'final' },
  },
  {
    forms: {
      req: {
        title: 'Request form',
        schema: {
          type: 'object',
          required: ['goal'],
          properties: { goal: { type: 'string', minLength: 1 } },
        },
      },
    },
  },
);

describe('form step', () => {
  it('announces the assignment and arms the reminder, deadline and every rung at their times', () => {
    const { driver, first } = startTest(doc);
    expect(first.effects).toEqual([
      expect.objectContaining({ kind: 'notify', reason: 'assigned', to: ['ann'], step: 'request' }),
    ]);
    expect(
      driver.pending().map((t) => [t.id.replace(/^xstate\.after\./, ''), (t.at - MONDAY_9AM) / HOUR]),
    ).toEqual([
      ['request.reminder.0.request', 20],
      ['request.deadline.request', 24],
      ['request.rung.0.request', 24],
      ['request.rung.1.request', 48],
    ]);
  });

  it('completes on a valid submission by the assignee and cancels its timers', () => {
    const { driver } = startTest(doc);
    const turn = driver.send({
      type: 'submit',
      at: MONDAY_9AM + HOUR,
      actor: { user: 'ann' },
      data: { goal: 'ship' },
    });
    expect(turn.stepsAfter).toEqual(['done']);
    expect(driver.snapshot.status).toBe('done');
    expect(driver.pending()).toEqual([]);
    expect(driver.snapshot.context.forms).toEqual({ request: { goal: 'ship' } });
  });

  it('refuses a submission from someone else, and one that fails the form schema, with reasons', () => {
    const { driver } = startTest(doc);
    expect(
      explainText(driver, { type: 'submit', at: MONDAY_9AM, actor: { user: 'ben' }, data: { goal: 'x' } }),
    ).toBe("'ben' may not submit the form in step 'request': it is assigned to ann");
    expect(explainText(driver, { type: 'submit', at: MONDAY_9AM, actor: { user: 'ann' }, data: {} })).toBe(
      'form "Request form" is incomplete or invalid: (form): missing required field \'goal\'',
    );
    // No data at all (found by the API fuzzer: it used to throw inside the guard, a 500).
    expect(explainText(driver, { type: 'submit', at: MONDAY_9AM, actor: { user: 'ann' } })).toBe(
      "form \"Request form\" is incomplete or invalid: (form): no data was sent; send the form's fields as 'data'",
    );
    expect(() => driver.send({ type: 'approve', at: MONDAY_9AM, actor: { user: 'ann' } })).toThrow(
      RejectedActionError,
    );
    expect(driver.snapshot.value).toBe('request');
  });

  it('runs the ladder: reminder, overdue, rung 1 to the head, rung 2 to the boss with reassignment', () => {
    const { driver } = startTest(doc);
    const fired = runTimersUntil(driver, MONDAY_9AM + 48 * HOUR).flatMap(({ at, turn }) =>
      turn.effects.map((e) => [
        (at - MONDAY_9AM) / HOUR,
        e.kind === 'notify' ? `${e.reason}:${e.to.join('+')}` : e.what,
      ]),
    );
    expect(fired).toEqual([
      [20, 'reminder:ann'],
      [24, 'overdue'],
      [24, 'escalation:mia'],
      [48, 'escalation:ceo'],
      [48, 'reassigned'],
      [48, 'assigned:mia'],
    ]);
    expect(driver.snapshot.context.assignees.request).toEqual(['mia']);
    // After reassignment the head may submit and the former assignee may not.
    expect(
      explainText(driver, {
        type: 'submit',
        at: MONDAY_9AM + 49 * HOUR,
        actor: { user: 'ann' },
        data: { goal: 'x' },
      }),
    ).toMatch(/assigned to mia/);
    expect(
      explainText(driver, {
        type: 'submit',
        at: MONDAY_9AM + 49 * HOUR,
        actor: { user: 'mia' },
        data: { goal: 'x' },
      }),
    ).toBeUndefined();
  });

  it('gives every effect a unique, stable id', () => {
    const run = () => {
      const { driver, first } = startTest(doc);
      const effects = [
        ...first.effects,
        ...runTimersUntil(driver, MONDAY_9AM + 72 * HOUR).flatMap((t) => t.turn.effects),
      ];
      return effects.map((e) => e.id);
    };
    const ids = run();
    expect(new Set(ids).size).toBe(ids.length);
    expect(run()).toEqual(ids);
  });
});
