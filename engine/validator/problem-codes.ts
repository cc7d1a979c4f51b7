/**
 * Every problem code the loader and the validator report, with what it means. Codes are
 * stable: tools, tests and people's scripts match on them, so never rename one once shipped.
 *
 * @example
 * ```ts
 * PROBLEM_CODES.UNKNOWN_TARGET; // 'a transition names a step that does not exist'
 * ```
 */
export const PROBLEM_CODES = {
  // Reading the file (engine/loader)
  FILE_UNREADABLE: 'the file cannot be read (missing, or no permission)',
  DOCUMENT_TOO_LARGE: 'the file is larger than the size limit (1 MiB by default)',
  EMPTY_DOCUMENT: 'the file has no content',
  MULTIPLE_DOCUMENTS: "the file holds more than one YAML document ('---'); one file holds one SOP",
  YAML_SYNTAX: 'the text is not valid YAML (indentation, quotes, brackets, colons)',
  YAML_TOO_DEEP: 'the text nests brackets or compact lists absurdly deep within one line',
  YAML_ALIAS_LIMIT: 'aliases (*name) expand too often: refused as a possible alias bomb',
  YAML_UNKNOWN_ALIAS: 'an alias (*name) refers to no anchor (&name) defined before it',
  YAML_COMPLEX_KEY: 'a key is a list or a map instead of a plain name',
  DUPLICATE_KEY: 'the same key appears twice in one map; the second would silently win',
  // Shape (engine/schema/*.schema.json, explained in plain words)
  UNKNOWN_KEY: 'a key that this place does not support (often a typo)',
  MISSING_KEY: 'a required key is missing',
  WRONG_TYPE: 'a value of the wrong sort (text, number, list, map)',
  INVALID_VALUE: 'a value outside the allowed ones, or not written in the expected form',
  INVALID_KEY_NAME: 'a name (step id, participant name, event name …) that is not written as allowed',
  CONFLICTING_KEYS: 'keys that exclude each other are used together',
  // Steps and transitions
  UNKNOWN_INITIAL: "'initial' (of the SOP or of a region) names a step that does not exist",
  UNKNOWN_TARGET: 'a transition names a step that does not exist',
  DUPLICATE_STEP_ID: 'two steps share an id (ids are unique across the whole SOP, regions included)',
  UNREACHABLE_STEP: 'no path from the initial step leads to this step (warning)',
  NO_PATH_TO_FINAL: 'from this step no path leads to a final step: projects would be stuck',
  // Deadlines, reminders, escalation, time
  MISSING_DEADLINE: 'a step where a person acts has no deadline (warning)',
  MISSING_ESCALATION: 'work with a deadline has no escalation when it is overdue (warning)',
  TIMER_WITHOUT_DEADLINE: "an escalation or 'before' reminder can never fire: the step has no deadline",
  ESCALATION_ORDER: "escalation rungs are not in increasing order of 'after'",
  NO_CANCELLED_FINAL:
    "a step's escalation cancels the project, but no top-level final step has outcome 'cancelled'",
  REMINDER_TOO_EARLY: "a reminder's 'before' is longer than the deadline itself (warning)",
  INVALID_DURATION: "a duration that cannot be read (e.g. '2 dayz')",
  INVALID_RECURRENCE: "a recurring schedule that cannot be read (e.g. 'every firday at 17:00')",
  INVALID_TIME_ZONE: 'not an IANA time zone such as Asia/Shanghai',
  CALENDAR_REQUIRED: "working-time durations are used but the SOP names no 'calendar'",
  UNKNOWN_CALENDAR: 'the business calendar named by the SOP does not exist',
  DUPLICATE_RECURRING_ID: 'two recurring obligations of a step share an id',
  // People and the org directory
  UNKNOWN_PARTICIPANT: 'a reference to someone who is neither a declared participant nor a built-in',
  TASK_REF_OUTSIDE_TASKS: "'task.…' references are used outside a tasks step, where there is no task",
  PARTICIPANT_CYCLE: "participants defined by 'managerOf' refer to each other in a loop",
  UNKNOWN_DEPARTMENT: 'a department id that the org directory does not have',
  UNKNOWN_ROLE: 'a role id that the org directory does not have',
  UNKNOWN_USER: 'a user id that the org directory does not have',
  // Forms, input and expressions
  UNKNOWN_FORM: "a form step names a form that is not declared under 'forms'",
  NOT_A_FORM_STEP: "'tasksFrom' or 'subject' names a step that is not a form step",
  UNKNOWN_INPUT_FIELD: 'a field of the kickoff input that its schema does not declare',
  INVALID_EXPRESSION: 'a CEL condition that does not parse or mixes incompatible values',
  UNKNOWN_EXPRESSION_FIELD:
    "a condition (or a deadline's 'at') reads a variable, form step, form field, task list or approval that does not exist",
  EVENT_OUTSIDE_ON: "a condition outside 'on:' reads 'event', which only event transitions have",
  // Approvals
  SEND_BACK_NOT_EARLIER: "a 'sendBackTo' step cannot lead back to the approval: it is not an earlier step",
  QUORUM_TOO_LARGE: "an approval's quorum asks for more approvals than it has approvers",
  INVALID_ESCALATION_ACTION: "an escalation 'action' names an event the step does not accept",
  // The org directory file (engine/loader/load-org-directory)
  ORG_DUPLICATE_ID: 'two departments or two users share an id',
  ORG_UNKNOWN_REFERENCE: 'a department, head, manager or role that the org directory does not have',
  ORG_MANAGER_CYCLE: 'managers of managers go round in a loop',
  // KPIs
  DUPLICATE_KPI_ID: 'two KPIs share an id',
  UNKNOWN_KPI_SUBJECT: "a KPI's subject is neither 'tasks', 'steps' nor a step id",
  INVALID_KPI_TARGET: 'a KPI target is not a duration (response-time) or a percentage (on-time)',
} as const;

/** One of the {@link PROBLEM_CODES}. */
export type ProblemCode = keyof typeof PROBLEM_CODES;
