import type { SopDocument } from '../../engine/model/sop';
import { explainText } from '../support/explain-text';
import { DAY, HOUR, makeSop, MONDAY_9AM, runTimersUntil, startTest } from '../support/sop-fixtures';

const input = { pm: 'ann', project: 'Nova' };
const task = (owner: string, due: string) => ({ name: `${owner}-task`, owner, leadDepartment: 'rnd', due });

function tasksSop(
  defaults: NonNullable<Extract<SopDocument['steps'][string], { kind: 'tasks' }>['taskDefaults']>,
) {
  return makeSop({
    work: { kind: 'tasks', assignee: 'pm', taskDefaults: defaults, next: 'done' },
    done: { kind: 'final' },
    cancelled: { kind: 'final', outcome: 'cancelled' },
  });
}

const describeEffects = (turns: ReturnType<typeof runTimersUntil>) =>
  turns.flatMap(({ at, turn }) =>
    turn.effects.map(
      (e) =>
        `${new Date(at).toISOString().slice(5, 16)} ${e.kind === 'notify' ? `${e.reason}:${e.to.join('+')}` : e.what}`,
    ),
  );

describe('acknowledgement SLA', () => {
  const doc = tasksSop({
    acknowledge: { within: '2 working hours', notify: ['task.owner', 'task.leadHead'] },
  });

  it('tells the owner and lead head when a new task is not acknowledged within 2 working hours', () => {
    const { driver } = startTest(doc, input, MONDAY_9AM + 7 * HOUR); // Monday 16:00
    driver.send({
      type: 'task.add',
      at: MONDAY_9AM + 7 * HOUR,
      actor: { user: 'ann' },
      data: task('ben', '2026-12-18'),
    });
    // one working hour left on Monday, one on Tuesday morning: due Tuesday 10:00
    expect(describeEffects(runTimersUntil(driver, MONDAY_9AM + 2 * DAY))).toEqual([
      '12-08T10:00 ack-overdue:ben+rob',
    ]);
  });

  it('is satisfied by task.acknowledge from the owner only, once', () => {
    const { driver } = startTest(doc, input);
    driver.send({
      type: 'task.add',
      at: MONDAY_9AM,
      actor: { user: 'ann' },
      data: task('ben', '2026-12-18'),
    });
    expect(
      explainText(driver, { type: 'task.acknowledge', at: MONDAY_9AM, actor: { user: 'cat' }, task: 't1' }),
    ).toBe("only the owner of task 't1' (ben) acknowledges it");
    const turn = driver.send({
      type: 'task.acknowledge',
      at: MONDAY_9AM + HOUR,
      actor: { user: 'ben' },
      task: 't1',
    });
    expect(turn.effects).toEqual([expect.objectContaining({ kind: 'record', what: 'acknowledged' })]);
    expect(
      explainText(driver, { type: 'task.acknowledge', at: MONDAY_9AM, actor: { user: 'ben' }, task: 't1' }),
    ).toBe("task 't1' was already acknowledged");
    expect(describeEffects(runTimersUntil(driver, MONDAY_9AM + DAY))).toEqual([]);
  });

  it('counts a first status update by the owner as acknowledgement', () => {
    const { driver } = startTest(doc, input);
    driver.send({
      type: 'task.add',
      at: MONDAY_9AM,
      actor: { user: 'ann' },
      data: task('ben', '2026-12-18'),
    });
    driver.send({
      type: 'task.update',
      at: MONDAY_9AM + HOUR,
      actor: { user: 'ben' },
      task: 't1',
      status: 'in_progress',
    });
    expect(driver.snapshot.context.tasks.work[0].acknowledgedAt).toBe(MONDAY_9AM + HOUR);
    expect(describeEffects(runTimersUntil(driver, MONDAY_9AM + DAY))).toEqual([]);
  });
});

describe('a blocked task with pauseWhileBlocked', () => {
  const doc = tasksSop({ pauseWhileBlocked: true, escalation: [{ after: '0h', notify: ['task.leadHead'] }] });

  it('stops its clock while blocked and moves its due date by the working time spent blocked', () => {
    const { driver } = startTest(doc, input);
    driver.send({
      type: 'task.add',
      at: MONDAY_9AM,
      actor: { user: 'ann' },
      data: task('ben', '2026-12-09'),
    }); // due Wed 24:00
    driver.send({
      type: 'task.update',
      at: MONDAY_9AM + HOUR,
      actor: { user: 'ben' },
      task: 't1',
      status: 'blocked',
    });
    expect(driver.pending().map((t) => t.id)).toEqual([]); // deadline and ladder wait
    // Blocked from Monday 10:00 to Tuesday 12:00: 7 + 3 = 10 working hours (09:00–17:00 days).
    const unblocked = driver.send({
      type: 'task.update',
      at: MONDAY_9AM + DAY + 3 * HOUR,
      actor: { user: 'ben' },
      task: 't1',
      status: 'in_progress',
    });
    expect(unblocked.effects).toEqual([expect.objectContaining({ what: 'clock-resumed' })]);
    const due = driver.snapshot.context.tasks.work[0].dueAt;
    // Thursday 00:00 + 10 working hours = Thursday 09:00 + 8 h (Thursday 17:00) + 2 h = Friday 11:00.
    expect(new Date(due).toISOString()).toBe('2026-12-11T11:00:00.000Z');
    expect(describeEffects(runTimersUntil(driver, MONDAY_9AM + 7 * DAY))).toEqual([
      '12-11T11:00 overdue',
      '12-11T11:00 escalation:rob',
    ]);
  });

  it('keeps a clock running when the SOP does not ask for pausing', () => {
    const running = tasksSop({ escalation: [{ after: '0h', notify: ['task.leadHead'] }] });
    const { driver } = startTest(running, input);
    driver.send({
      type: 'task.add',
      at: MONDAY_9AM,
      actor: { user: 'ann' },
      data: task('ben', '2026-12-09'),
    });
    driver.send({
      type: 'task.update',
      at: MONDAY_9AM + HOUR,
      actor: { user: 'ben' },
      task: 't1',
      status: 'blocked',
    });
    expect(describeEffects(runTimersUntil(driver, MONDAY_9AM + 7 * DAY))).toEqual([
      '12-10T00:00 overdue',
      '12-10T00:00 escalation:rob',
    ]);
  });
});

describe('escalation ladders that cancel, and manager references', () => {
  it('cancels a task from its ladder and tells the owner’s manager', () => {
    const doc = tasksSop({
      escalation: [
        { after: '0h', notify: ['task.owner.manager'] },
        { after: '1 business days', cancel: true, notify: ['pm.manager'] },
      ],
    });
    const { driver } = startTest(doc, input);
    driver.send({
      type: 'task.add',
      at: MONDAY_9AM,
      actor: { user: 'ann' },
      data: task('ben', '2026-12-08'),
    });
    driver.send({
      type: 'task.add',
      at: MONDAY_9AM,
      actor: { user: 'ann' },
      data: task('cat', '2026-12-31'),
    });
    expect(describeEffects(runTimersUntil(driver, MONDAY_9AM + 4 * DAY))).toEqual([
      '12-09T00:00 overdue',
      '12-09T00:00 escalation:rob', // ben's manager
      '12-10T09:00 escalation:mia', // ann's manager, one working day later
      '12-10T09:00 cancelled',
    ]);
    expect(driver.snapshot.context.tasks.work.map((t: { status: string }) => t.status)).toEqual([
      'cancelled',
      'todo',
    ]);
  });

  it('cancels the project from a step ladder: it moves to the cancelled final step', () => {
    const doc = makeSop(
      {
        ask: {
          kind: 'form',
          assignee: 'pm',
          form: 'note',
          deadline: '24h',
          escalation: [{ after: '24h', cancel: true }],
          next: 'done',
        },
        done: { kind: 'final' },
        cancelled: { kind: 'final', outcome: 'cancelled' },
      },
      { forms: { note: { title: 'Note', schema: { type: 'object' } } } },
    );
    const { driver } = startTest(doc);
    runTimersUntil(driver, MONDAY_9AM + 3 * DAY);
    expect(driver.snapshot.value).toBe('cancelled');
  });

  it('resolves participants defined from a task (managerOf: task.owner) per task', () => {
    const doc = makeSop(
      {
        work: {
          kind: 'tasks',
          assignee: 'pm',
          taskDefaults: { escalation: [{ after: '0h', notify: ['ownerBoss'] }] },
          next: 'done',
        },
        done: { kind: 'final' },
      },
      { participants: { pm: { fromInput: 'pm' }, ownerBoss: { managerOf: 'task.owner', levels: 2 } } },
    );
    const { driver } = startTest(doc, input);
    driver.send({
      type: 'task.add',
      at: MONDAY_9AM,
      actor: { user: 'ann' },
      data: task('ben', '2026-12-08'),
    });
    expect(describeEffects(runTimersUntil(driver, MONDAY_9AM + 3 * DAY))).toEqual([
      '12-09T00:00 overdue',
      '12-09T00:00 escalation:ceo', // ben → rob → ceo
    ]);
  });
});
