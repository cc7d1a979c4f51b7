import type { SopDocument } from '../../engine/model/sop';
import { DAY, HOUR, makeSop, MONDAY_9AM, runTimersUntil, startTest } from '../support/sop-fixtures';
import { explainText } from '../support/explain-text';

const doc: SopDocument = makeSop(
  {
    work: {
      kind: 'tasks',
      assignee: 'pm',
      naming: { pattern: '{project}-{module}-{owner}-{due}', projectField: 'project' },
      taskDefaults: {
        reminders: [{ every: 'every working day at 10:00', notify: ['task.owner'] }],
        escalation: [
          { after: '0h', notify: ['task.leadHead'] },
          { after: '1 working days', notify: ['pm'], reassign: 'task.leadHead' },
        ],
      },
      needsHelp: { notify: ['task.leadHead', 'task.collaboratingHeads'] },
      next: 'done',
    },
    done: { kind: 'final' },
  },
  { participants: { pm: { fromInput: 'pm' } } },
);

const input = { pm: 'ann', project: 'Nova' };
const task = (owner: string, due: string, module = 'fw') => ({
  name: `Nova-${module}-${owner}-${due}`,
  module,
  owner,
  leadDepartment: 'rnd',
  collaboratingDepartments: ['mkt'],
  due,
});

describe('tasks step', () => {
  it('adds tasks checked against the naming rule, with the owner written as id or name', () => {
    const { driver } = startTest(doc, input);
    const bad = { ...task('ben', '2026-12-08'), name: 'firmware' };
    expect(explainText(driver, { type: 'task.add', at: MONDAY_9AM, actor: { user: 'ann' }, data: bad })).toBe(
      "task: name 'firmware' does not follow the naming rule '{project}-{module}-{owner}-{due}'; expected 'Nova-fw-ben-2026-12-08' or 'Nova-fw-Ben-2026-12-08'",
    );
    const byName = { ...task('ben', '2026-12-08'), name: 'Nova-fw-Ben-2026-12-08' };
    driver.send({ type: 'task.add', at: MONDAY_9AM, actor: { user: 'ann' }, data: byName });
    expect(driver.snapshot.context.tasks.work).toHaveLength(1);
    expect(driver.snapshot.context.members).toContain('ben');
  });

  it('lets only the project manager add tasks and only owners or collaborators update them', () => {
    const { driver } = startTest(doc, input);
    expect(
      explainText(driver, {
        type: 'task.add',
        at: MONDAY_9AM,
        actor: { user: 'ben' },
        data: task('ben', '2026-12-08'),
      }),
    ).toMatch(/'ben' may not add tasks/);
    driver.send({
      type: 'task.add',
      at: MONDAY_9AM,
      actor: { user: 'ann' },
      data: task('ben', '2026-12-08'),
    });
    expect(
      explainText(driver, {
        type: 'task.update',
        at: MONDAY_9AM,
        actor: { user: 'cat' },
        task: 't1',
        status: 'done',
      }),
    ).toBe("'cat' is neither the owner, a collaborator nor the head of the lead department of task 't1'");
    expect(
      explainText(driver, {
        type: 'task.update',
        at: MONDAY_9AM,
        actor: { user: 'ben' },
        task: 't9',
        status: 'done',
      }),
    ).toBe("unknown task 't9' in step 'work' (tasks: t1)");
    expect(
      explainText(driver, {
        type: 'task.update',
        at: MONDAY_9AM,
        actor: { user: 'ben' },
        task: 't1',
        status: 'finished' as 'done',
      }),
    ).toMatch(/task status must be one of todo, in_progress, blocked, done/);
  });

  it('sends daily check-ins, stops them when the task is done, and moves on when every task is closed', () => {
    const { driver } = startTest(doc, input);
    driver.send({
      type: 'task.add',
      at: MONDAY_9AM,
      actor: { user: 'ann' },
      data: task('ben', '2026-12-11'),
    });
    driver.send({
      type: 'task.add',
      at: MONDAY_9AM,
      actor: { user: 'ann' },
      data: task('cat', '2026-12-11', 'ui'),
    });
    const checkIns = runTimersUntil(driver, MONDAY_9AM + DAY + 2 * HOUR).flatMap((t) => t.turn.effects);
    // Monday 10:00 and Tuesday 10:00, one per open task.
    expect(checkIns.map((e) => e.kind === 'notify' && `${e.reason}:${e.task}:${e.to.join()}`)).toEqual([
      'check-in:t1:ben',
      'check-in:t2:cat',
      'check-in:t1:ben',
      'check-in:t2:cat',
    ]);
    driver.send({
      type: 'task.update',
      at: MONDAY_9AM + DAY + 3 * HOUR,
      actor: { user: 'ben' },
      task: 't1',
      status: 'done',
    });
    expect(driver.pending().some((t) => t.id.startsWith('work/t1/'))).toBe(false);
    expect(driver.snapshot.value).toBe('work');
    driver.send({ type: 'task.cancel', at: MONDAY_9AM + DAY + 4 * HOUR, actor: { user: 'ann' }, task: 't2' });
    expect(driver.snapshot.value).toBe('done');
  });

  it('notifies the heads of the lead and collaborating departments when a blocked task needs help', () => {
    const { driver } = startTest(doc, input);
    driver.send({
      type: 'task.add',
      at: MONDAY_9AM,
      actor: { user: 'ann' },
      data: task('ben', '2026-12-11'),
    });
    expect(
      explainText(driver, { type: 'task.needsHelp', at: MONDAY_9AM, actor: { user: 'ben' }, task: 't1' }),
    ).toBe("task 't1' must be marked blocked before asking for help");
    driver.send({
      type: 'task.update',
      at: MONDAY_9AM,
      actor: { user: 'ben' },
      task: 't1',
      status: 'blocked',
    });
    const turn = driver.send({
      type: 'task.needsHelp',
      at: MONDAY_9AM,
      actor: { user: 'ben' },
      task: 't1',
      comment: 'no chips',
    });
    expect(turn.effects).toEqual([
      expect.objectContaining({
        reason: 'needs-help',
        task: 't1',
        to: ['rob', 'mia'],
        message: expect.stringContaining('no chips'),
      }),
    ]);
  });

  it('escalates an overdue task rung by rung and reassigns it', () => {
    const { driver } = startTest(doc, input);
    driver.send({
      type: 'task.add',
      at: MONDAY_9AM,
      actor: { user: 'ann' },
      data: task('ben', '2026-12-08'),
    });
    const escalations = runTimersUntil(driver, MONDAY_9AM + 5 * DAY)
      .flatMap(({ at, turn }) => turn.effects.map((e) => ({ at, e })))
      .filter(({ e }) => e.kind === 'record' || e.reason === 'escalation')
      .map(
        ({ at, e }) =>
          `${new Date(at).toISOString()} ${e.kind === 'record' ? e.what : `escalation:${e.to.join()}`}`,
      );
    // Due end of Tuesday 2026-12-08 (midnight UTC); +1 working day from a midnight start = Thursday 09:00.
    expect(escalations).toEqual([
      '2026-12-09T00:00:00.000Z overdue',
      '2026-12-09T00:00:00.000Z escalation:rob',
      '2026-12-10T09:00:00.000Z escalation:ann',
      '2026-12-10T09:00:00.000Z reassigned',
    ]);
    expect(driver.snapshot.context.tasks.work?.[0]).toMatchObject({ owner: 'rob', overdue: true });
  });
});
