/**
 * What every benchmark project does: the change-request SOP's send-back path of
 * examples/simulations/change-request.send-back.yaml (request → department head rejects →
 * revise → resubmit → head approves → CTO approves → approved notice → done), with the same
 * kickoff for both implementations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSop } from '../../engine/compiler';
import { loadCalendarsFromDir, loadOrgDirectory } from '../../engine/loader';
import { formatProblem, hasErrors } from '../../engine/model/problem';
import { resolveParticipants, snapshotOrg } from '../../engine/runtime/participants';
import type { OrgDirectory } from '../../engine/model/org';
import type { BusinessCalendar } from '../../engine/model/calendar';
import { checkSopText } from '../../engine/validator';
import type { ActionRequest, ProjectArgs } from '../../workflows/messages';
import type { ChangeRequestArgs } from './hand-written-messages';

const SOP_DIR = join(__dirname, '..', '..', 'sop-definitions');
const SOP_FILE = join(__dirname, 'change-request-approval.v1.yaml');

export const KICKOFF_INPUT = { requester: 'zhou.jie', department: 'rnd' };

const REQUESTER = 'zhou.jie';
const DEPT_HEAD = 'zhao.lei';
const CTO = 'chen.hao';

const CHANGE_REQUEST = {
  title: '切换 CI 到新集群',
  reason: '现有集群容量不足，构建排队超过 30 分钟',
  impact: 'high',
  cost: 50000,
  affectedDepartments: ['rnd', 'it'],
  desiredDate: '2027-01-10',
};

/** One human action of the path and what it must lead to. */
export interface PathAction {
  readonly request: ActionRequest;
  /** The step the project waits in afterwards; `undefined` when the project ends. */
  readonly then?: string;
  /** The validator must refuse it (it never reaches history). */
  readonly refused?: true;
  /** Ask the `state` query afterwards, as a UI would after a decision. */
  readonly query?: true;
}

export const SEND_BACK_PATH: readonly PathAction[] = [
  {
    request: { type: 'submit', actor: { user: REQUESTER }, data: CHANGE_REQUEST },
    then: 'majorHeadApproval',
  },
  // Only the current approver may decide: refused by both validators.
  { request: { type: 'approve', actor: { user: CTO }, comment: '同意' }, refused: true },
  {
    request: { type: 'reject', actor: { user: DEPT_HEAD }, comment: '请补充回滚方案' },
    then: 'revise',
    query: true,
  },
  {
    request: {
      type: 'submit',
      actor: { user: REQUESTER },
      data: { decision: 'resubmit', note: '已补充回滚方案' },
    },
    then: 'request',
  },
  {
    request: { type: 'submit', actor: { user: REQUESTER }, data: CHANGE_REQUEST },
    then: 'majorHeadApproval',
  },
  { request: { type: 'approve', actor: { user: DEPT_HEAD }, comment: '同意' }, then: 'ctoApproval' },
  { request: { type: 'approve', actor: { user: CTO }, comment: '同意，注意变更窗口' } },
];

/** The outcome both workflows must return at the end of the path. */
export const EXPECTED_OUTCOME = { status: 'completed', finalStep: 'approved', outcome: 'completed' };

/**
 * The SOP with every working-time duration turned into the same number of wall-clock days or
 * hours and no calendar: the deadlines the hand-written workflow keeps. Running our workflow on it
 * separates what the engine costs from what counting working time on a calendar costs.
 */
export function withWallClockDeadlines(text: string): string {
  return text
    .replace(/^calendar:.*\n/m, '')
    .replace(/\b(\d+) (?:business|working) days?\b/g, '$1d')
    .replace(/\b(\d+) working hours?\b/g, '$1h');
}

interface Directory {
  readonly org: OrgDirectory;
  readonly calendars: Map<string, BusinessCalendar>;
}

function loadDirectory(): Directory {
  const { org, problems } = loadOrgDirectory(join(SOP_DIR, 'org.yaml'));
  if (!org) throw new Error(`org.yaml does not load:\n${problems.map(formatProblem).join('\n')}`);
  return { org, calendars: loadCalendarsFromDir(join(SOP_DIR, 'calendars')) };
}

/** Our workflow's arguments for an SOP text, resolved the way the API does at kickoff. */
function projectArgs(text: string, { org, calendars }: Directory): ProjectArgs {
  const checked = checkSopText(text, SOP_FILE, { org, calendars });
  if (!checked.document || hasErrors(checked.problems))
    throw new Error(`the SOP does not validate:\n${checked.problems.map(formatProblem).join('\n')}`);
  const snapshot = snapshotOrg(org);
  return {
    compiled: compileSop(checked.document, { calendars }),
    start: {
      input: KICKOFF_INPUT,
      org: snapshot,
      people: resolveParticipants(checked.document, snapshot, KICKOFF_INPUT),
    },
  };
}

/** The hand-written workflow's arguments: the same participants, one user id each. */
function handWrittenArgs(people: Readonly<Record<string, readonly string[]>>): ChangeRequestArgs {
  const only = (name: string) => {
    const users = people[name];
    if (users?.length !== 1)
      throw new Error(`participant '${name}' should be one person, got ${String(users)}`);
    return users[0]!;
  };
  return {
    department: KICKOFF_INPUT.department,
    people: {
      requester: only('requester'),
      deptHead: only('deptHead'),
      deptHeadManager: only('deptHeadManager'),
      cto: only('cto'),
      ctoManager: only('ctoManager'),
      approvalAdmins: people.approvalAdmin ?? [],
      opsAdmins: people.opsAdmin ?? [],
    },
  };
}

/** Every subject's arguments, from the shipped SOP, org directory and calendar, resolved once. */
export function kickoffArgs(): {
  ours: ProjectArgs;
  oursWallClock: ProjectArgs;
  handWritten: ChangeRequestArgs;
} {
  const directory = loadDirectory();
  const text = readFileSync(SOP_FILE, 'utf8');
  const ours = projectArgs(text, directory);
  return {
    ours,
    oursWallClock: projectArgs(withWallClockDeadlines(text), directory),
    handWritten: handWrittenArgs(ours.start.people),
  };
}
