import { join } from 'node:path';
import { compileSop } from '../../engine/compiler';
import { loadCalendarsFromDir, loadOrgDirectory } from '../../engine/loader';
import { formatProblem } from '../../engine/model/problem';
import type { NotifyEffect } from '../../engine/runtime/effects';
import { parseEventScript, simulateSop, type SimulationResult } from '../../engine/simulate';
import { checkSopFile } from '../../engine/validator';
import { ORG_FILE, SOP_DEFINITIONS_DIR } from './shipped-files';

/*
 * Dry runs of the shipped SOPs on the simulator's virtual clock, with the shipped org directory
 * and calendar: the paths an operations author cares about end where the playbook says.
 */

const org = loadOrgDirectory(ORG_FILE).org!;
const calendars = loadCalendarsFromDir(join(SOP_DEFINITIONS_DIR, 'calendars'));

function simulate(sopFile: string, scriptText: string): SimulationResult {
  const checked = checkSopFile(join(SOP_DEFINITIONS_DIR, sopFile), { org, calendars });
  if (!checked.document) throw new Error(checked.problems.map(formatProblem).join('\n'));
  const { script, problems } = parseEventScript(scriptText, 'inline-script.yaml');
  if (!script) throw new Error(problems.map(formatProblem).join('\n'));
  return simulateSop(compileSop(checked.document, { calendars }), script, { org });
}

/** Notifications of one step: minutes after the project started, and the receivers (sorted). */
function notifications(
  result: SimulationResult,
  step: string,
  reason: NotifyEffect['reason'],
): [number, string[]][] {
  const start = result.timeline[0]!.at;
  return result.timeline.flatMap((entry) =>
    entry.kind === 'effect' &&
    entry.effect.kind === 'notify' &&
    entry.effect.step === step &&
    entry.effect.reason === reason
      ? [[(entry.at - start) / 60_000, [...entry.effect.to].sort()] as [number, string[]]]
      : [],
  );
}

function visited(result: SimulationResult): string[] {
  return result.timeline.flatMap((entry) => (entry.kind === 'steps' ? [...entry.to] : []));
}

describe('change-request-approval.yaml', () => {
  const request = (impact: string, cost: number, heads = '') =>
    `{ title: 调整需求变更流程, reason: 流程过长, impact: ${impact}, cost: ${cost}, affectedDepartments: [it, service], ${
      heads === '' ? '' : `affectedHeads: [${heads}], `
    }desiredDate: 2026-12-20 }`;
  const header =
    'start: 2026-12-01T09:00:00+08:00\ninput: { requester: he.yun, department: marketing }\nevents:\n';
  const major = request('high', 50000, 'cao.yong, yang.xue');

  test('a low-impact, cheap change needs the department head only; the ops admins are copied', () => {
    const result = simulate(
      'change-request-approval.yaml',
      `${header}  - { at: +1h, event: submit, as: he.yun, data: ${request('low', 3000)} }\n` +
        '  - { at: +1h, event: approve, as: li.na }\n',
    );
    expect(result.surprises).toBe(0);
    expect(result.status).toBe('done');
    expect(visited(result)).toEqual(['request', 'minorHeadApproval', 'approved']);
    expect(notifications(result, 'minorHeadApproval', 'cc')).toEqual([[120, ['han.mei', 'xie.fang']]]);
    expect(notifications(result, 'approvedNotice', 'step')).toEqual([
      [120, ['han.mei', 'he.yun', 'li.na', 'xie.fang']],
    ]);
  });

  test('a costly change names its countersigners, who all approve (会签) before the CTO decides', () => {
    const result = simulate(
      'change-request-approval.yaml',
      `${header}  - { at: +1h, event: submit, as: he.yun, data: ${request('high', 50000)}, expect: rejected }\n` +
        `  - { event: submit, as: he.yun, data: ${major} }\n` +
        '  - { at: +1h, event: approve, as: li.na }\n' +
        '  - { at: +1h, event: approve, as: chen.hao, expect: rejected }\n' +
        '  - { event: approve, as: cao.yong }\n' +
        '  - { event: approve, as: cao.yong, expect: rejected }\n' +
        '  - { at: +1h, event: approve, as: yang.xue }\n' +
        '  - { at: +1h, event: approve, as: chen.hao }\n',
    );
    expect(result.surprises).toBe(0);
    expect(result.status).toBe('done');
    expect(visited(result)).toEqual([
      'request',
      'majorHeadApproval',
      'affectedHeadsCountersign',
      'ctoApproval',
      'approved',
    ]);
    expect(notifications(result, 'affectedHeadsCountersign', 'assigned')).toEqual([
      [120, ['cao.yong', 'yang.xue']],
    ]);
    expect(notifications(result, 'ctoApproval', 'cc')).toEqual([[300, ['han.mei', 'xie.fang']]]);
  });

  test('a send back returns the request to the form; the edit is resubmitted and approved afresh', () => {
    const result = simulate(
      'change-request-approval.yaml',
      `${header}  - { at: +1h, event: submit, as: he.yun, data: ${major} }\n` +
        '  - { at: +1h, event: approve, as: li.na }\n' +
        '  - { at: +1h, event: sendBack, as: yang.xue, data: { to: request }, expect: rejected }\n' +
        '  - { event: sendBack, as: yang.xue, data: { to: request }, comment: 请说明对客服的影响 }\n' +
        `  - { at: +1h, event: submit, as: he.yun, data: ${major} }\n` +
        '  - { at: +1h, event: approve, as: li.na }\n' +
        '  - { event: approve, as: cao.yong }\n' +
        '  - { event: approve, as: yang.xue }\n' +
        '  - { at: +1h, event: approve, as: chen.hao }\n',
    );
    expect(result.surprises).toBe(0);
    expect(result.status).toBe('done');
    expect(visited(result)).toEqual([
      'request',
      'majorHeadApproval',
      'affectedHeadsCountersign',
      'request',
      'majorHeadApproval',
      'affectedHeadsCountersign',
      'ctoApproval',
      'approved',
    ]);
  });

  test('one countersigner rejecting rejects the change, and everyone involved hears it', () => {
    const result = simulate(
      'change-request-approval.yaml',
      `${header}  - { at: +1h, event: submit, as: he.yun, data: ${request('medium', 2000, 'cao.yong, yang.xue')} }\n` +
        '  - { at: +1h, event: approve, as: li.na }\n' +
        '  - { event: approve, as: cao.yong }\n' +
        '  - { at: +1h, event: reject, as: yang.xue, comment: 客服无法配合 }\n',
    );
    expect(result.surprises).toBe(0);
    expect(visited(result)).toEqual(['request', 'majorHeadApproval', 'affectedHeadsCountersign', 'rejected']);
    expect(notifications(result, 'rejectedNotice', 'step')).toEqual([
      [180, ['han.mei', 'he.yun', 'li.na', 'xie.fang']],
    ]);
  });

  test('only the approver whose turn it is decides, and only the requester may withdraw', () => {
    const result = simulate(
      'change-request-approval.yaml',
      `${header}  - { at: +1h, event: submit, as: he.yun, data: ${major} }\n` +
        '  - { at: +1h, event: approve, as: chen.hao, expect: rejected }\n' +
        '  - { event: approve, as: li.na }\n' +
        '  - { at: +1h, event: withdraw, as: li.na, expect: rejected }\n' +
        '  - { event: withdraw, as: he.yun }\n',
    );
    expect(result.surprises).toBe(0);
    expect(visited(result)).toEqual([
      'request',
      'majorHeadApproval',
      'affectedHeadsCountersign',
      'withdrawn',
    ]);
  });

  test('an approver who never answers is escalated to their manager, replaced by them, then the approval admins hear', () => {
    const result = simulate(
      'change-request-approval.yaml',
      `${header}  - { at: +1h, event: submit, as: he.yun, data: ${request('low', 100)} }\n  - advance: 2w\n` +
        '  - { event: approve, as: li.na, expect: rejected }\n  - { event: approve, as: liu.yang }\n',
    );
    expect(result.surprises).toBe(0);
    const told = notifications(result, 'minorHeadApproval', 'escalation').map(([, to]) => to);
    expect(told).toEqual([
      ['li.na'],
      ['li.na', 'liu.yang'],
      ['he.yun', 'liu.yang'],
      ['feng.yu', 'he.yun', 'liu.yang', 'xie.fang'],
    ]);
    expect(result.status).toBe('done');
  });
});

describe('incident-response.yaml', () => {
  const header =
    'start: 2026-12-05T22:00:00+08:00\ninput: { summary: 支付接口超时, severity: P2, onCall: sun.peng }\nevents:\n';

  test('an unacknowledged alert climbs to the R&D head, the CTO and the CEO, day or night', () => {
    const result = simulate('incident-response.yaml', `${header}  - advance: 50m\n`);
    const firstTold = new Map<string, number>();
    for (const [minute, to] of notifications(result, 'acknowledge', 'escalation')) {
      for (const person of to) if (!firstTold.has(person)) firstTold.set(person, minute);
    }
    // Rungs count from the 15-minute deadline: +5m, +15m, +30m.
    expect(Object.fromEntries(firstTold)).toEqual({
      'sun.peng': 15,
      'zhao.lei': 20,
      'chen.hao': 30,
      'wang.jianguo': 45,
    });
    expect(notifications(result, 'acknowledge', 'assigned')).toEqual([
      [0, ['sun.peng']],
      [30, ['zhao.lei']],
    ]);
  });

  test('a P2 without public impact skips the statement and closes once monitoring recovers', () => {
    const ack = '{ severity: P2, assessment: 缓存击穿, customerImpact: true, publicImpact: false }';
    const result = simulate(
      'incident-response.yaml',
      `${header}  - { at: +5m, event: submit, as: sun.peng, data: ${ack} }\n` +
        '  - { at: +10m, event: submit, as: yang.xue, data: { channels: [app], message: 部分用户访问变慢，正在处理 } }\n' +
        '  - { at: +20m, event: submit, as: sun.peng, data: { cause: 缓存失效, actions: 预热缓存 } }\n' +
        '  - { at: +10m, event: monitoring.recovered }\n' +
        '  - { at: +1d, event: submit, as: sun.peng, data: { timeline: t, rootCause: r, impact: i, actionItems: [{ action: a, owner: sun.peng, due: 2026-12-10 }] } }\n',
    );
    expect(result.surprises).toBe(0);
    expect(result.status).toBe('done');
    expect(result.steps).toEqual(['closed']);
    expect(visited(result)).toContain('statementSkipped');
    expect(visited(result)).not.toContain('majorAlert');
  });

  test('a false alarm is dismissed by the on-call engineer', () => {
    const result = simulate(
      'incident-response.yaml',
      `${header}  - { at: +3m, event: falseAlarm, as: sun.peng }\n`,
    );
    expect(result.surprises).toBe(0);
    expect(result.steps).toEqual(['dismissed']);
  });
});
