import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { compileSop } from '../../engine/compiler';
import { formatTimeline, parseEventScript, simulateSop, type TimelineEntry } from '../../engine/simulate';
import { ROOT, shippedCalendars, shippedDocument, shippedOrg } from '../support/sop-fixtures';

const SCRIPT = join(ROOT, 'examples', 'simulations', 'new-product-launch.overdue.yaml');

function runLaunch() {
  const compiled = compileSop(shippedDocument('new-product-launch'), { calendars: shippedCalendars() });
  const { script, problems } = parseEventScript(readFileSync(SCRIPT, 'utf8'), SCRIPT);
  expect(problems).toEqual([]);
  return { compiled, result: simulateSop(compiled, script!, { org: shippedOrg() }) };
}

const local = (at: number) =>
  DateTime.fromMillis(at, { zone: 'Asia/Shanghai' }).toFormat('ccc yyyy-LL-dd HH:mm');

describe('simulateSop on the new-product-launch SOP', () => {
  it('runs the four steps in order to the close, with the expected refusal of a skipped step', () => {
    const { result } = runLaunch();
    const moves = result.timeline.filter(
      (e): e is Extract<TimelineEntry, { kind: 'steps' }> => e.kind === 'steps',
    );
    expect(moves.map((m) => m.to.join())).toEqual([
      'requirement',
      'breakdown',
      'progress',
      'retrospective',
      'closed',
    ]);
    const rejected = result.timeline.filter((e) => e.kind === 'rejected');
    expect(rejected).toEqual([
      expect.objectContaining({
        event: 'task.update',
        expected: true,
        reason: "no current step accepts 'task.update': 'breakdown' accepts submit, cancel",
      }),
    ]);
    expect(result.status).toBe('done');
    expect(result.surprises).toBe(0);
  });

  it('prints the reminder and each escalation rung of the overdue task at the right virtual times', () => {
    const { result } = runLaunch();
    const forT1 = result.timeline.flatMap((e) =>
      e.kind === 'effect' &&
      e.effect.task === 't1' &&
      e.effect.kind === 'notify' &&
      e.effect.reason !== 'check-in'
        ? [
            `${local(e.at)} ${e.effect.reason}${e.effect.rung !== undefined ? ` ${e.effect.rung + 1}` : ''} → ${e.effect.to.join(', ')}`,
          ]
        : [],
    );
    // t1 is due 2026-12-04 (end of that day, Asia/Shanghai); it is finished on Tuesday 12-08 13:00.
    expect(forT1).toEqual([
      'Tue 2026-12-01 13:00 task-assigned → sun.peng',
      'Thu 2026-12-03 13:00 needs-help → zhao.lei, li.na',
      'Thu 2026-12-03 17:59 reminder → sun.peng', // one business day before due
      'Sat 2026-12-05 00:00 escalation 1 → sun.peng, zhao.lei', // at the deadline: owner and lead head
      'Tue 2026-12-08 09:00 escalation 2 → zhao.lei, li.na, zhang.min', // +1 business day: Monday counts, the weekend does not
    ]);
  });

  it('sends the weekly report on Friday 17:00 Asia/Shanghai, built from the tasks, to every member', () => {
    const { result } = runLaunch();
    const reports = result.timeline.filter(
      (e) => e.kind === 'effect' && e.effect.kind === 'notify' && e.effect.reason === 'recurring',
    );
    expect(reports.map((r) => local(r.at))).toEqual(['Fri 2026-12-04 17:00']);
    const report = reports[0]!;
    if (report.kind !== 'effect' || report.effect.kind !== 'notify') throw new Error('not a notification');
    expect(report.effect.message).toContain('阻塞：Aurora-研发-sun.peng-2026-12-04');
    expect(report.effect.to).toEqual(
      expect.arrayContaining(['zhang.min', 'sun.peng', 'gao.fei', 'lin.tao', 'zhu.hong']),
    );
  });

  it('formats a readable timeline in the SOP time zone', () => {
    const { compiled, result } = runLaunch();
    const text = formatTimeline(result, compiled.timeZone);
    expect(text.split('\n')[0]).toBe('2026-12-01 09:00 (Tue)  start      project starts in requirement');
    expect(text).toContain(
      '2026-12-05 00:00 (Sat)  notify     escalation rung 1 progress t1 → sun.peng, zhao.lei',
    );
  });
});

describe('parseEventScript', () => {
  it('reports every bad entry with its line', () => {
    const text = [
      'start: not-a-date',
      'input: {}',
      'events:',
      '  - advance: 3 fortnights',
      '  - { event: submit, colour: red }',
      '  - { as: ann }',
    ].join('\n');
    const { script, problems } = parseEventScript(text, 's.yaml');
    expect(script).toBeUndefined();
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      "1: 'start' must be an ISO date-time with offset, got 'not-a-date'",
      expect.stringMatching(/^4: advance: /),
      "5: unsupported key 'colour'",
      "6: an entry needs 'event' (or 'advance')",
    ]);
  });
});
