/**
 * Time and escalation on the real workflow, on Temporal's time-skipping test server: the weekly
 * report, a working-time deadline across a holiday and a make-up working day (调休), a daily
 * check-in that stops when its task is done, and a task clock that stands still while the task
 * is blocked. Every SOP here runs in Asia/Shanghai on a business calendar built around the test
 * server's clock (the real current time), and every assertion reads what the RecordingSink
 * received, with instants converted to local time in that zone.
 *
 * Not repeated here: the shipped new-product-launch SOP's 48 h requirement ladder (rung 0 at
 * 24 h, rung 1 at 48 h) is proved rung by rung in sop-project.time-skipping.test.ts.
 *
 * Expected instants are computed by the small calendar helpers below (a loop over dates and
 * working periods), never by the engine's own time arithmetic, so a bug there cannot hide itself.
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { compileSop } from '../../engine/compiler';
import type { BusinessCalendar } from '../../engine/model/calendar';
import type { SopDocument, StepsSpec } from '../../engine/model/sop';
import type { Effect } from '../../engine/runtime/effects';
import { resolveParticipants, snapshotOrg } from '../../engine/runtime/participants';
import { registerSearchAttributes } from '../../server/register-search-attributes';
import { testServerExecutable } from '../../server/temporal-binaries';
import { createActivities } from '../../workflows/activities/deliver-effect';
import {
  actUpdate,
  PROJECT_WORKFLOW,
  stateQuery,
  type ActionRequest,
  type ProjectArgs,
} from '../../workflows/messages';
import type { ProjectView } from '../../workflows/project-view';
import { RecordingSink } from '../support/project-harness';
import { makeSop, TEST_ORG } from '../support/sop-fixtures';
import { quietTemporalRuntime, sharedWorkflowBundle } from '../support/workflow-bundle';

// Why a retry: the time-skipping test server is sensitive when updates and `env.sleep`
// interleave on a loaded machine (three of these tests do both; see also
// delivery-failure.time-skipping.test.ts). One retry, on a fresh server (beforeEach), absorbs
// such a hiccup without hiding a real failure, which fails both attempts; the first attempt's
// error is printed all the same, so a retry never goes unnoticed.
jest.retryTimes(1, { logErrorsBeforeRetry: true });

const ZONE = 'Asia/Shanghai';
const MINUTE = 60_000;
const HOURS: readonly string[] = ['09:00-12:00', '13:30-18:00'];

let env: TestWorkflowEnvironment;

// A server per test: each test starts from the real current time and no timer of an earlier
// test (or of a retried attempt) can skew the clock.
beforeEach(async () => {
  quietTemporalRuntime();
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServerExecutable() } });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
});

afterEach(async () => {
  await env?.teardown();
});

// ---------------------------------------------------------------------------------------------
// An independent model of the test calendar (dates and working periods), for expected values.

interface OfficeDays {
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
}

/** A cn-mainland-like calendar: Monday to Friday 09:00–12:00 and 13:30–18:00 in Asia/Shanghai. */
function officeCalendar(days: OfficeDays): BusinessCalendar {
  return {
    id: 'office',
    name: '测试办公日历',
    timeZone: ZONE,
    workingHours: { '1': HOURS, '2': HOURS, '3': HOURS, '4': HOURS, '5': HOURS },
    holidays: days.holidays.map((date) => ({ date, name: '测试假日' })),
    workdays: days.workdays.map((date) => ({ date, name: '调休上班' })),
  };
}

const isoDate = (day: DateTime) => day.toISODate()!;

function isWorkingDate(day: DateTime, days: OfficeDays): boolean {
  if (days.holidays.includes(isoDate(day))) return false;
  if (days.workdays.includes(isoDate(day))) return true;
  return day.weekday <= 5;
}

/** The working periods of one local date, as [start, end) epoch milliseconds. */
function periodsOn(day: DateTime, days: OfficeDays): [number, number][] {
  if (!isWorkingDate(day, days)) return [];
  return HOURS.map((range) => {
    const [from, to] = range.split('-').map((t) => t.split(':').map(Number)) as [number[], number[]];
    const at = ([hour, minute]: number[]) => day.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
    return [at(from), at(to)];
  });
}

/** `n` working days after `startMs` (a working instant), at the same local time of day. */
function workingDaysAfter(startMs: number, n: number, days: OfficeDays): number {
  const start = local(startMs);
  let day = start.startOf('day');
  for (let left = n; left > 0;) {
    day = day.plus({ days: 1 });
    if (isWorkingDate(day, days)) left--;
  }
  return day
    .set({ hour: start.hour, minute: start.minute, second: start.second, millisecond: start.millisecond })
    .toMillis();
}

/** Working milliseconds between two instants. */
function workingMsBetween(fromMs: number, toMs: number, days: OfficeDays): number {
  let total = 0;
  for (let day = local(fromMs).startOf('day'); day.toMillis() < toMs; day = day.plus({ days: 1 })) {
    for (const [start, end] of periodsOn(day, days))
      total += Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs));
  }
  return total;
}

/** `ms` of working time after `fromMs`. */
function addWorkingMs(fromMs: number, ms: number, days: OfficeDays): number {
  let left = ms;
  for (let day = local(fromMs).startOf('day'); ; day = day.plus({ days: 1 })) {
    for (const [start, end] of periodsOn(day, days)) {
      const from = Math.max(start, fromMs);
      if (end <= from) continue;
      if (left <= end - from) return from + left;
      left -= end - from;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Clock and project helpers.

const local = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE });
/** `Fri 17:00` style, to the minute, in the SOP's zone. */
const wall = (ms: number) => local(ms).toFormat('ccc HH:mm');
const localDay = (ms: number) => local(ms).toFormat('yyyy-MM-dd ccc');

/** The next instant after `afterMs` that falls on ISO `weekday` at `hour:minute` local time. */
function nextLocal(afterMs: number, weekday: number, hour: number, minute = 0): number {
  let day = local(afterMs).startOf('day');
  for (;;) {
    const candidate = day.set({ hour, minute });
    if (day.weekday === weekday && candidate.toMillis() > afterMs) return candidate.toMillis();
    day = day.plus({ days: 1 });
  }
}

/** Skips the server's clock to `targetMs` (it must lie ahead). */
async function sleepUntil(targetMs: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (targetMs <= now) throw new Error(`sleepUntil: ${new Date(targetMs).toISOString()} is not ahead`);
  await env.sleep(targetMs - now);
}

/** Deliveries run as activities beside the workflow: give the last one a moment to land. */
async function eventually(check: () => void, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function sopWith(steps: StepsSpec, extra: Partial<SopDocument> = {}): SopDocument {
  return makeSop(steps, { timeZone: ZONE, calendar: 'office', language: 'zh-CN', ...extra });
}

const INPUT = { pm: 'ann', members: ['ben', 'cat'] };

function argsOf(doc: SopDocument, calendar: BusinessCalendar): ProjectArgs {
  const compiled = compileSop(doc, { calendars: new Map([[calendar.id, calendar]]) });
  const org = snapshotOrg(TEST_ORG);
  return { compiled, start: { input: INPUT, org, people: resolveParticipants(doc, org, INPUT) } };
}

/**
 * Runs `body` against a project of `doc` on a worker of its own (own task queue, own sink) and
 * always terminates the project afterwards, so nothing keeps running past the test.
 */
async function withProject(
  doc: SopDocument,
  calendar: BusinessCalendar,
  body: (project: {
    sink: RecordingSink;
    effects: () => Effect[];
    act: (request: ActionRequest) => Promise<unknown>;
    state: () => Promise<ProjectView>;
  }) => Promise<void>,
): Promise<void> {
  const sink = new RecordingSink();
  const taskQueue = `tq-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: sharedWorkflowBundle(),
    activities: createActivities(sink),
  });
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(PROJECT_WORKFLOW, {
      args: [argsOf(doc, calendar)],
      taskQueue,
      workflowId: `time-${randomUUID()}`,
    });
    try {
      await body({
        sink,
        effects: () => sink.forProject(handle.workflowId),
        act: (request) => handle.executeUpdate(actUpdate, { args: [request] }),
        state: () => handle.query(stateQuery),
      });
    } finally {
      await handle.terminate('test done').catch(() => undefined);
    }
  });
}

const notices = (effects: Effect[], reason: string) =>
  effects.flatMap((e) => (e.kind === 'notify' && e.reason === reason ? [e] : []));
const records = (effects: Effect[], what: string) =>
  effects.flatMap((e) => (e.kind === 'record' && e.what === what ? [e] : []));

// ---------------------------------------------------------------------------------------------

describe('time and escalation on the time-skipping server (Asia/Shanghai)', () => {
  it('sends the weekly report at Friday 17:00 local, once a week, across a weekend and a holiday', async () => {
    const startMs = await env.currentTimeMs();
    const firstFriday = nextLocal(startMs + MINUTE, 5, 17);
    // A holiday and a make-up working day between the first and second report must not move it.
    const monday = local(firstFriday).plus({ days: 3 });
    const days: OfficeDays = {
      holidays: [isoDate(monday)],
      workdays: [isoDate(local(firstFriday).plus({ days: 8 }))], // the Saturday after
    };
    const doc = sopWith({
      work: {
        kind: 'tasks',
        assignee: 'pm',
        recurring: [
          {
            id: 'weekly-report',
            title: '项目进度周报',
            every: 'every friday at 17:00',
            notify: ['members'],
            message: 'weekly-report',
          },
        ],
        next: 'done',
      },
      done: { kind: 'final' },
    });
    await withProject(doc, officeCalendar(days), async ({ effects, state }) => {
      const { members } = await state();
      // Three weeks on, to the Saturday noon after the third Friday.
      await sleepUntil(local(firstFriday).plus({ days: 14, hours: 19 }).toMillis());
      await eventually(() => expect(notices(effects(), 'recurring')).toHaveLength(3));
      const reports = notices(effects(), 'recurring');
      expect(reports.map((r) => wall(r.at))).toEqual(['Fri 17:00', 'Fri 17:00', 'Fri 17:00']);
      // Exactly at 17:00 Shanghai (09:00 UTC), one a week, the first on the first Friday.
      expect(reports.map((r) => r.at)).toEqual(
        [0, 7, 14].map((d) => local(firstFriday).plus({ days: d }).toMillis()),
      );
      expect(new Date(reports[0]!.at).getUTCHours()).toBe(9);
      for (const report of reports) {
        expect(report).toMatchObject({ recurring: 'weekly-report', step: 'work', to: members });
        expect(report.message.startsWith('【项目进度周报】')).toBe(true);
      }
      expect(notices(effects(), 'missed-report')).toEqual([]); // nothing is expected of anyone
    });
  });

  it('counts `3 business days` over a make-up Saturday and a two-day holiday, and marks it overdue then', async () => {
    // Start on a Friday 10:00; the Saturday after is worked (调休), the Monday and Tuesday are off.
    const startAt = nextLocal((await env.currentTimeMs()) + MINUTE, 5, 10);
    const friday = local(startAt);
    const days: OfficeDays = {
      holidays: [isoDate(friday.plus({ days: 3 })), isoDate(friday.plus({ days: 4 }))],
      workdays: [isoDate(friday.plus({ days: 1 }))],
    };
    const doc = sopWith(
      {
        report: { kind: 'form', assignee: 'pm', form: 'note', deadline: '3 business days', next: 'done' },
        done: { kind: 'final' },
      },
      { forms: { note: { title: '报告', schema: { type: 'object' } } } },
    );
    await sleepUntil(startAt);
    await withProject(doc, officeCalendar(days), async ({ effects, state }) => {
      const first = await state();
      const enteredAt = Date.parse(first.activeSteps[0]!.enteredAt);
      expect(wall(enteredAt)).toBe('Fri 10:00');
      // Saturday (make-up) 1, Sunday off, Monday and Tuesday holidays, Wednesday 2, Thursday 3.
      const due = workingDaysAfter(enteredAt, 3, days);
      expect(localDay(due)).toBe(isoDate(friday.plus({ days: 6 })) + ' Thu');
      expect(Date.parse(first.activeSteps[0]!.dueAt!)).toBe(due);

      await sleepUntil(due - MINUTE);
      expect(records(effects(), 'overdue')).toEqual([]);
      expect((await state()).overdue).toBe(false);

      await sleepUntil(due + MINUTE);
      await eventually(() => expect(records(effects(), 'overdue')).toHaveLength(1));
      const [overdue] = records(effects(), 'overdue');
      expect(overdue).toMatchObject({ step: 'report' });
      expect(overdue!.at).toBe(due);
      expect(wall(overdue!.at)).toBe('Thu 10:00');
      expect((await state()).overdue).toBe(true);
    });
  });

  it('sends the daily 10:00 check-in on working days only, and stops it once the task is done', async () => {
    // Start on a Thursday 09:00; Friday is a holiday, the Saturday after is worked (调休).
    const startAt = nextLocal((await env.currentTimeMs()) + MINUTE, 4, 9);
    const thursday = local(startAt);
    const days: OfficeDays = {
      holidays: [isoDate(thursday.plus({ days: 1 }))],
      workdays: [isoDate(thursday.plus({ days: 2 }))],
    };
    const due = isoDate(thursday.plus({ days: 40 }));
    const task = (name: string, owner: string) => ({ name, owner, leadDepartment: 'rnd', due });
    const doc = sopWith(
      {
        plan: { kind: 'form', assignee: 'pm', form: 'plan', next: 'work' },
        work: {
          kind: 'tasks',
          assignee: 'pm',
          tasksFrom: 'plan',
          taskDefaults: {
            reminders: [
              { every: 'every working day at 10:00', notify: ['task.owner'], message: '请更新今日任务状态' },
            ],
          },
          next: 'done',
        },
        done: { kind: 'final' },
      },
      {
        forms: {
          plan: {
            title: '任务拆解',
            schema: { type: 'object', required: ['tasks'], properties: { tasks: { type: 'array' } } },
          },
        },
      },
    );
    await sleepUntil(startAt);
    await withProject(doc, officeCalendar(days), async ({ effects, act }) => {
      await act({
        type: 'submit',
        actor: { user: 'ann' },
        data: { tasks: [task('固件', 'ben'), task('渠道', 'cat')] },
      });
      const checkIns = (taskId: string) =>
        notices(effects(), 'check-in')
          .filter((e) => e.task === taskId)
          .map((e) => `${localDay(e.at)} ${local(e.at).toFormat('HH:mm')} → ${e.to.join(',')}`);
      const dayOf = (offset: number) => localDay(thursday.plus({ days: offset }).toMillis());

      // To Tuesday 12:00: Thursday, the make-up Saturday, Monday, Tuesday; not the holiday, not Sunday.
      const doneAt = thursday.plus({ days: 5, hours: 3 }).toMillis();
      await sleepUntil(doneAt);
      const beforeDone = [0, 2, 4, 5].map(dayOf);
      await eventually(() => expect(checkIns('t1')).toEqual(beforeDone.map((d) => `${d} 10:00 → ben`)));
      expect(checkIns('t2')).toEqual(beforeDone.map((d) => `${d} 10:00 → cat`));

      await act({ type: 'task.update', actor: { user: 'ben' }, task: 't1', status: 'done' });
      // Seven more days: t2 goes on being asked every working day, t1 never again.
      await sleepUntil(doneAt + 7 * 24 * 3600_000);
      const afterDone = [6, 7, 8, 11, 12].map(dayOf); // Wednesday … the next Tuesday
      await eventually(() =>
        expect(checkIns('t2')).toEqual([...beforeDone, ...afterDone].map((d) => `${d} 10:00 → cat`)),
      );
      expect(checkIns('t1')).toEqual(beforeDone.map((d) => `${d} 10:00 → ben`));
    });
  });

  it('stops a blocked task’s clock (pauseWhileBlocked) and escalates later by the working time spent blocked', async () => {
    // Added Thursday 10:00 with `2 business days`; Monday is a holiday: due Tuesday 10:00.
    const startAt = nextLocal((await env.currentTimeMs()) + MINUTE, 4, 10);
    const thursday = local(startAt);
    const days: OfficeDays = { holidays: [isoDate(thursday.plus({ days: 4 }))], workdays: [] };
    const doc = sopWith({
      work: {
        kind: 'tasks',
        assignee: 'pm',
        taskDefaults: {
          deadline: '2 business days',
          pauseWhileBlocked: true,
          escalation: [{ after: '0h', notify: ['task.leadHead'] }],
        },
        next: 'done',
      },
      done: { kind: 'final' },
    });
    await sleepUntil(startAt);
    await withProject(doc, officeCalendar(days), async ({ effects, act, state }) => {
      await act({
        type: 'task.add',
        actor: { user: 'ann' },
        data: { name: '固件', owner: 'ben', leadDepartment: 'rnd' },
      });
      const added = (await state()).tasks[0]!;
      const firstDue = workingDaysAfter(Date.parse(added.createdAt), 2, days);
      expect(Date.parse(added.dueAt)).toBe(firstDue);
      expect(`${localDay(firstDue)} ${wall(firstDue)}`).toBe(
        `${localDay(thursday.plus({ days: 5 }).toMillis())} Tue 10:00`,
      );

      // Blocked from Friday 16:00 over the weekend and the holiday to Tuesday 11:00, an hour past
      // the first due time: 2 working hours on Friday, 2 on Tuesday.
      await sleepUntil(thursday.plus({ days: 1, hours: 6 }).toMillis());
      await act({ type: 'task.update', actor: { user: 'ben' }, task: 't1', status: 'blocked' });
      await sleepUntil(thursday.plus({ days: 5, hours: 1 }).toMillis());
      expect(notices(effects(), 'escalation')).toEqual([]);
      expect(records(effects(), 'overdue')).toEqual([]);
      // The workflow's own view agrees (it does not wait for deliveries): no timer of t1 has fired.
      expect((await state()).tasks[0]).toMatchObject({ status: 'blocked', overdue: false, fired: [] });
      await act({ type: 'task.update', actor: { user: 'ben' }, task: 't1', status: 'in_progress' });

      await eventually(() => expect(records(effects(), 'clock-resumed')).toHaveLength(1));
      const [paused] = records(effects(), 'clock-paused');
      const [resumed] = records(effects(), 'clock-resumed');
      expect([wall(paused!.at), wall(resumed!.at)]).toEqual(['Fri 16:00', 'Tue 11:00']);
      const blocked = workingMsBetween(paused!.at, resumed!.at, days);
      expect(Math.round(blocked / MINUTE)).toBe(4 * 60);
      // Tuesday 10:00 + 4 working hours: 10:00–12:00, lunch, 13:30–15:30.
      const newDue = addWorkingMs(firstDue, blocked, days);
      expect(wall(newDue)).toBe('Tue 15:30');
      const movedDue = Date.parse((await state()).tasks[0]!.dueAt);
      expect(Math.abs(movedDue - newDue)).toBeLessThan(MINUTE); // the engine counts whole minutes

      await sleepUntil(movedDue - MINUTE);
      expect(notices(effects(), 'escalation')).toEqual([]);
      await sleepUntil(movedDue + MINUTE);
      await eventually(() => expect(notices(effects(), 'escalation')).toHaveLength(1));
      const [escalation] = notices(effects(), 'escalation');
      expect(escalation).toMatchObject({ task: 't1', rung: 0, to: ['rob'] }); // head of R&D
      expect(escalation!.at).toBe(movedDue);
      expect(wall(escalation!.at)).toBe('Tue 15:30');
      expect(records(effects(), 'overdue').map((r) => wall(r.at))).toEqual(['Tue 15:30']);
    });
  });
});
