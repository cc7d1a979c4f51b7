import { parseDuration } from '../../engine/time/duration';
import type { SopDocument } from '../../engine/model/sop';
import {
  findStep,
  findStepOfKind,
  loadShippedOrg,
  loadShippedSop,
  resolveParticipant,
  takeChoice,
} from './sop-helpers';

const doc: SopDocument = loadShippedSop('incident-response.yaml');
const org = loadShippedOrg();
const input = { summary: '支付接口超时', severity: 'P1', onCall: 'sun.peng' };

function people(ref: string): string[] {
  return resolveParticipant(doc, ref, org, input);
}

function wallMinutes(text: string): number {
  const parsed = parseDuration(text);
  if (!parsed.ok) throw new Error(`'${text}' is not a duration: ${parsed.message}`);
  if (parsed.value.kind !== 'wall') throw new Error(`'${text}' is working time, not wall time`);
  return parsed.value.ms / 60_000;
}

describe('incident-response.yaml', () => {
  const acknowledge = findStepOfKind(doc, doc.initial, 'form');

  test('has the on-call engineer acknowledge within 15 minutes of wall time', () => {
    expect(people(acknowledge.assignee)).toEqual(['sun.peng']);
    expect(typeof acknowledge.deadline).toBe('string');
    expect(wallMinutes(acknowledge.deadline as string)).toBe(15);
  });

  test('climbs the management chain: R&D head after 5m, two levels up after 15m, CEO after 30m', () => {
    const firstTold = new Map<string, number>();
    for (const rung of acknowledge.escalation ?? []) {
      for (const person of (rung.notify ?? []).flatMap(people)) {
        if (!firstTold.has(person)) firstTold.set(person, wallMinutes(rung.after));
      }
    }
    expect(firstTold.get('zhao.lei')).toBe(5); // head of R&D
    expect(firstTold.get('chen.hao')).toBe(15); // sun.peng → zhao.lei → chen.hao (CTO)
    expect(firstTold.get('wang.jianguo')).toBe(30); // CEO
    expect(acknowledge.escalation?.some((rung) => rung.reassign === 'rndHead')).toBe(true);
  });

  test('alerts management at once for P1 only', () => {
    const triage = findStepOfKind(doc, acknowledge.next!, 'choice');
    const ack = { assessment: '…', customerImpact: true, publicImpact: false };
    expect(takeChoice(triage, { forms: { acknowledge: { ...ack, severity: 'P1' } } })).toBe('majorAlert');
    expect(takeChoice(triage, { forms: { acknowledge: { ...ack, severity: 'P2' } } })).toBe('respond');
    expect(findStepOfKind(doc, 'majorAlert', 'notify').notify.flatMap(people)).toContain('wang.jianguo');
  });

  test('runs tech fix, customer communication and public statement in parallel, each with its owner', () => {
    const respond = findStepOfKind(doc, 'respond', 'parallel');
    expect(Object.keys(respond.regions)).toEqual(['techFix', 'customerComms', 'publicComms']);
    const owners = ['fix', 'informCustomers', 'draftStatement'].map((id) => {
      const step = findStepOfKind(doc, id, 'form');
      expect(wallMinutes(step.deadline as string)).toBeLessThanOrEqual(120);
      expect(step.escalation?.length).toBeGreaterThanOrEqual(2);
      const owner = people(step.assignee)[0]!;
      return org.users.find((u) => u.id === owner)?.department;
    });
    expect(owners).toEqual(['rnd', 'service', 'marketing']);
    expect(respond.next).toBe('awaitRecovery');
  });

  test('drafts a public statement only for P1 or when the public is affected', () => {
    const needed = findStepOfKind(doc, 'statementNeeded', 'choice');
    const decide = (severity: string, publicImpact: boolean) =>
      takeChoice(needed, { forms: { acknowledge: { severity, publicImpact } } });
    expect(decide('P1', false)).toBe('draftStatement');
    expect(decide('P3', true)).toBe('draftStatement');
    expect(decide('P2', false)).toBe('statementSkipped');
    const approval = findStepOfKind(doc, 'approveStatement', 'approval');
    expect(approval.onReject).toBe('draftStatement');
    expect(findStep(doc, approval.onApprove).kind).toBe('final');
  });

  test('waits for monitoring.recovered, and checks by hand when it does not come', () => {
    const wait = findStepOfKind(doc, 'awaitRecovery', 'wait');
    expect(wait.for).toBe('monitoring.recovered');
    expect(wallMinutes(wait.until as string)).toBe(60);
    const check = findStepOfKind(doc, findStepOfKind(doc, wait.onTimeout!, 'notify').next, 'form');
    const recoveryRoute = findStepOfKind(doc, check.next!, 'choice');
    expect(takeChoice(recoveryRoute, { forms: { recoveryCheck: { recovered: true } } })).toBe(wait.next);
    expect(takeChoice(recoveryRoute, { forms: { recoveryCheck: { recovered: false } } })).toBe(
      'awaitRecovery',
    );
  });

  test('closes with a retrospective in working days', () => {
    const retrospective = findStepOfKind(doc, findStepOfKind(doc, 'recoveredNotice', 'notify').next, 'form');
    expect(retrospective.form).toBe('retrospective');
    const deadline = parseDuration(retrospective.deadline as string);
    expect(deadline.ok && deadline.value.kind).toBe('workingDays');
    expect(findStepOfKind(doc, retrospective.next!, 'final').outcome).toBe('completed');
  });
});
