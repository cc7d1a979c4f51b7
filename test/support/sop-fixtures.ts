import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { compileSop } from '../../engine/compiler';
import type { BusinessCalendar } from '../../engine/model/calendar';
import type { CompiledSop } from '../../engine/model/compiled';
import type { OrgDirectory } from '../../engine/model/org';
import type { SopDocument, StepsSpec } from '../../engine/model/sop';
import { ProjectDriver } from '../../engine/runtime/driver';
import { resolveParticipants, snapshotOrg } from '../../engine/runtime/participants';

export const ROOT = join(__dirname, '..', '..');

/** A small org: two departments, heads, members, a manager chain three levels deep. */
export const TEST_ORG: OrgDirectory = {
  departments: [
    { id: 'mkt', name: 'Marketing', head: 'mia' },
    { id: 'rnd', name: 'R&D', head: 'rob' },
    { id: 'exec', name: 'Management', head: 'ceo' },
  ],
  users: [
    { id: 'ceo', name: 'Chief', department: 'exec' },
    { id: 'mia', name: 'Mia', department: 'mkt', manager: 'ceo' },
    { id: 'rob', name: 'Rob', department: 'rnd', manager: 'ceo' },
    { id: 'ann', name: 'Ann', department: 'mkt', manager: 'mia', roles: ['project-manager'] },
    { id: 'ben', name: 'Ben', department: 'rnd', manager: 'rob' },
    { id: 'cat', name: 'Cat', department: 'rnd', manager: 'rob' },
  ],
  roles: { 'project-manager': 'runs projects' },
};

/** A 9-to-5 weekday calendar in UTC with one holiday and one make-up working Saturday. */
export const TEST_CALENDAR: BusinessCalendar = {
  id: 'test',
  name: 'Test calendar',
  timeZone: 'UTC',
  workingHours: {
    '1': ['09:00-17:00'],
    '2': ['09:00-17:00'],
    '3': ['09:00-17:00'],
    '4': ['09:00-17:00'],
    '5': ['09:00-17:00'],
  },
  holidays: [{ date: '2026-12-25', name: 'Christmas' }],
  workdays: [{ date: '2026-12-19', name: 'Make-up Saturday' }],
};

/** Monday 2026-12-07 09:00 UTC. */
export const MONDAY_9AM = Date.parse('2026-12-07T09:00:00Z');
export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

/** An SOP document with a fixed header around the given steps. */
export function makeSop(steps: StepsSpec, extra: Partial<SopDocument> = {}): SopDocument {
  return {
    apiVersion: 'sop/v1',
    id: 'test-sop',
    version: '1.0.0',
    title: 'Test SOP',
    owner: 'mkt',
    timeZone: 'UTC',
    calendar: 'test',
    participants: { pm: { fromInput: 'pm' }, head: { headOf: 'mkt' }, boss: { managerOf: 'pm', levels: 2 } },
    initial: Object.keys(steps)[0] ?? 'start',
    steps,
    ...extra,
  };
}

export function compileTest(doc: SopDocument): CompiledSop {
  return compileSop(doc, { calendars: new Map([['test', TEST_CALENDAR]]) });
}

/** Starts a project of `doc` on Monday 09:00 with `pm: ann`. */
export function startTest(doc: SopDocument, input: Record<string, unknown> = { pm: 'ann' }, at = MONDAY_9AM) {
  const compiled = compileTest(doc);
  const driver = new ProjectDriver(compiled);
  const org = snapshotOrg(TEST_ORG);
  const first = driver.start({ input, startedAt: at, org, people: resolveParticipants(doc, org, input) });
  return { compiled, driver, first };
}

/** Fires every pending timer due at or before `until`, returning what each did. */
export function runTimersUntil(driver: ProjectDriver, until: number) {
  const turns = [];
  for (;;) {
    const next = driver.pending()[0];
    if (!next || next.at > until || driver.snapshot.status !== 'active') break;
    turns.push({ at: next.at, turn: driver.fire(next) });
  }
  return turns;
}

/** The shipped files, parsed (no validation: the validator's own tests cover that). */
export function shippedDocument(name: string): SopDocument {
  return parse(readFileSync(join(ROOT, 'sop-definitions', `${name}.yaml`), 'utf8')) as SopDocument;
}

export function shippedOrg(): OrgDirectory {
  return parse(readFileSync(join(ROOT, 'sop-definitions', 'org.yaml'), 'utf8')) as OrgDirectory;
}

export function shippedCalendars(): Map<string, BusinessCalendar> {
  const calendar = parse(
    readFileSync(join(ROOT, 'sop-definitions', 'calendars', 'cn-mainland.yaml'), 'utf8'),
  ) as BusinessCalendar;
  return new Map([[calendar.id, calendar]]);
}
