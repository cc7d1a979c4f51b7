import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BusinessCalendar } from '../../engine/model/calendar';
import type { OrgDirectory } from '../../engine/model/org';
import type { Problem } from '../../engine/model/problem';
import { checkSopText, PROBLEM_CODES, severityOf, type ProblemCode } from '../../engine/validator';

/**
 * The conformance suite of the validator: every file in test/fixtures/invalid/ is a small SOP
 * with one kind of mistake (one has several), and ends with `# expect: line:column CODE`
 * comments listing exactly the problems it must produce.
 */
const CORPUS = join(__dirname, '..', 'fixtures', 'invalid');
const FILES = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

/** A small org directory of its own, so the corpus does not move when the shipped one does. */
const ORG: OrgDirectory = {
  departments: [{ id: 'marketing', name: '市场部', head: 'li.na' }],
  users: [
    { id: 'li.na', name: '李娜', department: 'marketing' },
    { id: 'wang.jianguo', name: '王建国', department: 'marketing' },
  ],
  roles: { 'ops-admin': 'Maintains the SOP catalogue' },
};

const CALENDAR: BusinessCalendar = {
  id: 'cn-mainland',
  name: '中国大陆工作日历',
  timeZone: 'Asia/Shanghai',
  workingHours: {
    '1': ['09:00-18:00'],
    '2': ['09:00-18:00'],
    '3': ['09:00-18:00'],
    '4': ['09:00-18:00'],
    '5': ['09:00-18:00'],
  },
  holidays: [],
  workdays: [],
};

function checkFixture(name: string): { text: string; problems: Problem[]; valid: boolean } {
  const text = readFileSync(join(CORPUS, name), 'utf8');
  const result = checkSopText(text, name, { org: ORG, calendars: new Map([[CALENDAR.id, CALENDAR]]) });
  return { text, problems: result.problems, valid: result.document !== undefined };
}

function expectationsOf(text: string): string[] {
  return [...text.matchAll(/^# expect: (\d+:\d+ [A-Z_]+)$/gm)].map((match) => match[1]!);
}

describe('the invalid SOP corpus', () => {
  it('has at least 30 files', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(FILES)('%s reports exactly its expected problems, at their line and column', (name) => {
    const { text, problems, valid } = checkFixture(name);
    const expected = expectationsOf(text);
    expect(expected.length).toBeGreaterThan(0);
    expect(problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(expected);
    for (const problem of problems) {
      expect(Object.keys(PROBLEM_CODES)).toContain(problem.code);
      expect(problem.severity).toBe(severityOf(problem.code as ProblemCode));
      expect(problem.file).toBe(name);
      expect(problem.message.length).toBeGreaterThan(10);
      expect(problem.hint?.length).toBeGreaterThan(5);
    }
    // A file with an error never yields a document; one with warnings only does.
    expect(valid).toBe(problems.every((p) => p.severity === 'warning'));
  });

  it('reports a syntax error, an unknown target and a bad duration in the same run', () => {
    const { problems } = checkFixture('several-problems.yaml');
    expect(problems.map((p) => p.code)).toEqual(['YAML_SYNTAX', 'INVALID_DURATION', 'UNKNOWN_TARGET']);
    expect(problems.map((p) => p.path)).toEqual(['', '/steps/request/deadline', '/steps/request/next']);
  });

  it('explains every problem in words an SOP author can act on', () => {
    const lines = FILES.flatMap((name) =>
      checkFixture(name).problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.code}]`),
    );
    expect(lines.join('\n')).toMatchInlineSnapshot(`
      "calendar-required.yaml:29:15: '2 business days' counts working time, but the SOP names no business calendar to count it in [CALENDAR_REQUIRED]
      conflicting-participant-keys.yaml:9:3: participant 'pm' has 'user' and 'fromInput'; use exactly one of: user, role, headOf, managerOf + levels, fromInput [CONFLICTING_KEYS]
      dead-end-step.yaml:36:3: step 'review' is a dead end: it moves to no other step and is not final, so projects that reach it never end [NO_PATH_TO_FINAL]
      deadline-at-unknown-field.yaml:29:21: 'deadline' of step 'request' uses 'input.launchDay', but the kickoff input declares no field 'launchDay' [UNKNOWN_INPUT_FIELD]
      duplicate-key.yaml:30:5: key 'assignee' appears twice in the same map (first on line 27); the second would silently replace the first [DUPLICATE_KEY]
      duplicate-kpi-id.yaml:42:9: KPI id 'speed' is used twice in this SOP [DUPLICATE_KPI_ID]
      duplicate-recurring-id.yaml:37:13: recurring obligation id 'weekly' is used twice in step 'request' [DUPLICATE_RECURRING_ID]
      duplicate-step-id-in-regions.yaml:45:11: step id 'check' is already used at region 'tech' of step 'both'; step ids must be unique across the whole SOP, regions included [DUPLICATE_STEP_ID]
      escalation-action-not-accepted.yaml:34:17: escalation rung 2 of step 'request' takes action 'approve', which a form step does not accept [INVALID_ESCALATION_ACTION]
      escalation-order.yaml:33:16: escalation rung 2 of step 'request' fires after '4h', which is not later than rung 1 ('24h') [ESCALATION_ORDER]
      from-input-unknown-field.yaml:9:20: participant 'pm' uses 'input.projectManger', but the kickoff input declares no field 'projectManger' [UNKNOWN_INPUT_FIELD]
      guard-not-a-form-step.yaml:37:15: the condition of route 1 of step 'route' reads 'forms.route', but step 'route' is a choice step, not a form step [UNKNOWN_EXPRESSION_FIELD]
      guard-reads-event-outside-on.yaml:37:15: the condition of route 1 of step 'route' reads 'event.data.urgent', but only 'on:' transitions are triggered by an event [EVENT_OUTSIDE_ON]
      guard-syntax-error.yaml:37:44: the condition of route 1 of step 'route' is not valid: unexpected end of the expression; something is missing at the end [INVALID_EXPRESSION]
      guard-unknown-form-field.yaml:37:15: the condition of route 1 of step 'route' reads 'forms.request.costs', but form 'request' (of step 'request') has no field 'costs' [UNKNOWN_EXPRESSION_FIELD]
      guard-unknown-input-field.yaml:37:45: the condition of route 1 of step 'route' uses 'input.budget', but the kickoff input declares no field 'budget' [UNKNOWN_INPUT_FIELD]
      guard-unknown-variable.yaml:37:15: the condition of route 1 of step 'route' is not valid: unknown variable 'inputs'; expressions may read input, forms, tasks, approvals, event [UNKNOWN_EXPRESSION_FIELD]
      head-of-unknown-input-field.yaml:10:19: participant 'lead' uses 'input.leadDepartment', but the kickoff input declares no field 'leadDepartment' [UNKNOWN_INPUT_FIELD]
      invalid-duration.yaml:29:15: 'deadline' of step 'request': '2 dayz' spells out its unit (did you mean 'days'?); say whether it is wall-clock or working time [INVALID_DURATION]
      invalid-recurrence.yaml:35:16: 'every' of recurring obligation 'weekly' of step 'request': 'every firday at 17:00' has an unknown day 'firday'; did you mean 'friday'? [INVALID_RECURRENCE]
      invalid-step-id.yaml:33:11: 'next' of step 'request' is 'all-done', which is not written as expected [INVALID_VALUE]
      invalid-step-id.yaml:34:3: 'all-done' is not a valid step id in 'steps' [INVALID_KEY_NAME]
      invalid-time-zone.yaml:7:11: 'Asia/Shangai' is not an IANA time zone [INVALID_TIME_ZONE]
      key-of-another-kind.yaml:33:5: step 'request' has unsupported key 'onApprove'; supported keys are: kind, title, description, assignee, form, respondents, deadline, reminders, escalation, next, on, always, recurring [UNKNOWN_KEY]
      kpi-unknown-subject.yaml:40:14: KPI 'speed' measures 'requst', which is neither 'tasks', 'steps' nor a step id [UNKNOWN_KPI_SUBJECT]
      loop-without-exit.yaml:36:3: steps 'ping', 'pong' only lead to each other: no path from them reaches a final step, so projects that reach them never end [NO_PATH_TO_FINAL]
      missing-deadline.yaml:25:3: step 'request' waits for a person but has no deadline, so nobody is reminded or escalated to if it stalls [MISSING_DEADLINE]
      missing-escalation.yaml:29:15: step 'request' has a deadline, but nothing happens when it passes [MISSING_ESCALATION]
      missing-required-key.yaml:25:3: step 'request' is missing required key 'assignee' [MISSING_KEY]
      multiple-documents.yaml:36:1: the file holds more than one YAML document (separated by '---'); one file holds one SOP [MULTIPLE_DOCUMENTS]
      participant-cycle.yaml:10:19: participants 'a' → 'b' → 'a' are defined as each other's managers in a loop [PARTICIPANT_CYCLE]
      participant-without-source.yaml:10:3: participant 'boss' needs exactly one of: user, role, headOf, managerOf + levels, fromInput [MISSING_KEY]
      region-initial-unknown.yaml:38:18: 'initial' of region 'tech' of step 'both' names 'chek', which is not a step of this region [UNKNOWN_INITIAL]
      reminder-too-early.yaml:31:17: reminder 1 of step 'request' comes '48h' before a deadline that is only '24h' away, so it would be due before the work even starts [REMINDER_TOO_EARLY]
      several-problems.yaml:5:8: the file is not valid YAML: plain value cannot start with reserved character @ [YAML_SYNTAX]
      several-problems.yaml:29:15: 'deadline' of step 'request': '24 hourz' spells out its unit (did you mean 'hours'?); say whether it is wall-clock or working time [INVALID_DURATION]
      several-problems.yaml:33:11: step 'request' goes to 'dne' (next), but there is no step 'dne' [UNKNOWN_TARGET]
      task-ref-outside-tasks.yaml:32:18: 'task.owner' means someone of a task, but step 'request' is a form step, which has no tasks [TASK_REF_OUTSIDE_TASKS]
      tasks-from-not-a-form-step.yaml:37:16: 'tasksFrom' of step 'work' names 'done', a final step; it must name a form step, whose submission it reads [NOT_A_FORM_STEP]
      timer-without-deadline.yaml:30:9: escalation rung 1 of step 'request' counts from the deadline, but step 'request' has no deadline, so it never fires [TIMER_WITHOUT_DEADLINE]
      unknown-calendar.yaml:8:11: calendar 'cn-mainlnd' does not exist [UNKNOWN_CALENDAR]
      unknown-department.yaml:6:8: owner 'marketting' is not a department of the org directory [UNKNOWN_DEPARTMENT]
      unknown-form.yaml:28:11: step 'request' uses form 'requst', which is not declared under 'forms' [UNKNOWN_FORM]
      unknown-initial.yaml:23:10: 'initial' names 'requst', which is not a step [UNKNOWN_INITIAL]
      unknown-participant.yaml:27:15: step 'request' refers to 'pmm', which is neither a declared participant nor a built-in [UNKNOWN_PARTICIPANT]
      unknown-role.yaml:10:19: participant 'admins' is everyone with role 'ops-admn', which the org directory does not declare [UNKNOWN_ROLE]
      unknown-step-key.yaml:29:5: step 'request' has unsupported key 'deadlin'; supported keys are: kind, title, description, assignee, form, respondents, deadline, reminders, escalation, next, on, always, recurring [UNKNOWN_KEY]
      unknown-step-kind.yaml:26:11: 'kind' of step 'request' is 'froms'; allowed values are: form, tasks, approval, wait, notify, choice, parallel, final [INVALID_VALUE]
      unknown-target.yaml:33:11: step 'request' goes to 'don' (next), but there is no step 'don' [UNKNOWN_TARGET]
      unknown-top-level-key.yaml:5:1: the SOP has unsupported key 'titel'; supported keys are: apiVersion, id, version, title, description, owner, timeZone, calendar, language, participants, input, forms, kpis, notifications, initial, steps [UNKNOWN_KEY]
      unknown-user.yaml:10:16: participant 'ceo' is user 'wang.jiangou', who is not in the org directory [UNKNOWN_USER]
      unreachable-step.yaml:36:3: step 'orphan' is never reached: no transition leads to it; projects start at 'request' [UNREACHABLE_STEP]
      wrong-value-type.yaml:5:1: 'title' must be text, not a list [WRONG_TYPE]
      yaml-bad-indentation.yaml:27:15: the file is not valid YAML: nested mappings are not allowed in compact mappings [YAML_SYNTAX]"
    `);
  });
});
