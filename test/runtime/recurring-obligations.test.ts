import type { SopDocument } from '../../engine/model/sop';
import { explainText } from '../support/explain-text';
import { DAY, makeSop, MONDAY_9AM, runTimersUntil, startTest } from '../support/sop-fixtures';

const doc: SopDocument = makeSop(
  {
    work: {
      kind: 'tasks',
      assignee: 'pm',
      recurring: [
        {
          id: 'weekly-report',
          title: 'Weekly report',
          every: 'every friday at 17:00',
          notify: ['members'],
          message: 'weekly-report',
          expect: { from: ['pm'], ifMissed: { notify: ['pm.manager'] } },
        },
      ],
      next: 'done',
    },
    done: { kind: 'final' },
  },
  { participants: { pm: { fromInput: 'pm' } } },
);

describe('a recurring obligation that expects a hand-in', () => {
  it('sends the report with the notes handed in, and escalates a week with none', () => {
    const { driver } = startTest(doc, { pm: 'ann' });
    expect(
      explainText(driver, {
        type: 'recurring.submit',
        at: MONDAY_9AM,
        actor: { user: 'ben' },
        data: { recurring: 'weekly-report' },
      }),
    ).toBe("'ben' may not hand in 'weekly-report'; expected from ann");
    expect(
      explainText(driver, {
        type: 'recurring.submit',
        at: MONDAY_9AM,
        actor: { user: 'ann' },
        data: { recurring: 'x' },
      }),
    ).toBe("data.recurring must name an obligation of step 'work' that expects a hand-in: weekly-report");
    driver.send({
      type: 'recurring.submit',
      at: MONDAY_9AM + 2 * DAY,
      actor: { user: 'ann' },
      data: { recurring: 'weekly-report', notes: 'Firmware slipped two days' },
    });
    const effects = runTimersUntil(driver, MONDAY_9AM + 12 * DAY).flatMap(({ at, turn }) =>
      turn.effects.map((e) => ({ at: new Date(at).toISOString().slice(5, 16), effect: e })),
    );
    const summary = effects.map(({ at, effect }) =>
      effect.kind === 'notify' ? `${at} ${effect.reason}:${effect.to.join('+')}` : at,
    );
    expect(summary).toEqual([
      '12-11T17:00 recurring:ann',
      '12-18T17:00 recurring:ann',
      '12-18T17:00 missed-report:mia',
    ]);
    const first = effects[0]!.effect;
    expect(first.kind === 'notify' && first.message).toContain('Firmware slipped two days');
  });
});
