import type { SopDocument } from '../../../engine/model/sop';

const HEADER = {
  apiVersion: 'sop/v1',
  version: '1.0.0',
  owner: 'ops',
  timeZone: 'Asia/Shanghai',
} as const;

/** A parallel step with two regions, an arrow out of a region, a wait with a timeout. */
export const PARALLEL_SOP: SopDocument = {
  ...HEADER,
  id: 'launch-prep',
  title: '上市准备',
  initial: 'brief',
  steps: {
    brief: { kind: 'form', title: '简报', assignee: 'pm', form: 'brief', next: 'prep' },
    prep: {
      kind: 'parallel',
      title: '并行准备',
      regions: {
        marketing: {
          initial: 'design',
          steps: {
            design: { kind: 'form', title: '物料设计', assignee: 'pm', form: 'brief', next: 'designDone' },
            designDone: { kind: 'final', title: '设计完成' },
          },
        },
        rnd: {
          initial: 'build',
          steps: {
            build: {
              kind: 'tasks',
              title: '研发',
              assignee: 'pm',
              next: 'buildReview',
              on: { abort: 'cancelled' },
            },
            buildReview: {
              kind: 'approval',
              title: '研发评审',
              assignee: 'pm',
              onApprove: 'rndDone',
              onReject: 'build',
            },
            rndDone: { kind: 'final', title: '研发完成' },
          },
        },
      },
      next: 'launchWait',
    },
    launchWait: {
      kind: 'wait',
      title: '等待上市批准',
      for: 'launch.approved',
      until: '3d',
      next: 'done',
      onTimeout: 'cancelled',
    },
    done: { kind: 'final', title: '完成', outcome: 'completed' },
    cancelled: { kind: 'final', title: '取消', outcome: 'cancelled' },
  },
};

/** A choice with a long guard, guarded `on:` lists, `always:` and a notify step. */
export const CHOICE_SOP: SopDocument = {
  ...HEADER,
  id: 'routing',
  title: 'Routing',
  initial: 'triage',
  steps: {
    triage: {
      kind: 'choice',
      title: '分诊',
      routes: [
        {
          when: 'input.severity == "critical" && input.customers > 100 && input.region in ["cn", "eu"]',
          target: 'page',
        },
        { when: 'input.severity == "minor"', target: 'ticket' },
      ],
      otherwise: 'ticket',
    },
    page: {
      kind: 'notify',
      title: 'Page on-call',
      notify: ['pm'],
      message: 'Incident!',
      next: 'ticket',
    },
    ticket: {
      kind: 'form',
      title: 'Ticket',
      assignee: 'pm',
      form: 'ticket',
      deadline: '30m',
      escalation: [
        { after: '0h', notify: ['pm'] },
        { after: '2h', goto: 'closed' },
      ],
      on: {
        escalate: [
          { target: 'page', when: 'forms.ticket.level >= 2' },
          { target: 'closed', when: 'forms.ticket.level < 2' },
        ],
      },
      always: [{ target: 'closed', when: 'input.dryRun' }],
      next: 'closed',
    },
    closed: { kind: 'final', title: 'Closed' },
  },
};

/** Titles, ids and guards full of what Mermaid's grammar would misread. */
export const NASTY_TITLES = {
  start: '需求: "终稿" V1.0-终稿; 下一步：评审',
  'two-words': 'a [[choice]] b <<fork>> c',
  note: 'direction TB then direction LR',
  state: '<b>bold</b><br>line #35; %% comment %%{init: {}}%%',
  x_start: 'R&D &amp; QA `code` {braces} back\\slash',
  '9lives': 'multi\nline\ttitle',
  end: '已结项',
} as const;

export const NASTY_SOP: SopDocument = {
  ...HEADER,
  id: 'nasty',
  title: 'Nasty "titles": 测试; %%',
  initial: 'start',
  steps: {
    start: {
      kind: 'form',
      title: NASTY_TITLES.start,
      assignee: 'pm',
      form: 'f',
      next: 'two-words',
      on: { 'order:paid': { target: 'note', when: 'a::b; c == "d: e"' } },
    },
    'two-words': {
      kind: 'approval',
      title: NASTY_TITLES['two-words'],
      assignee: 'pm',
      onApprove: 'note',
      onReject: 'end',
    },
    note: {
      kind: 'wait',
      title: NASTY_TITLES.note,
      until: { at: 'input.launchDate', before: '1d' },
      next: 'state',
    },
    state: { kind: 'notify', title: NASTY_TITLES.state, notify: ['pm'], message: 'x', next: 'x_start' },
    x_start: { kind: 'tasks', title: NASTY_TITLES.x_start, assignee: 'pm', next: '9lives' },
    '9lives': { kind: 'form', title: NASTY_TITLES['9lives'], assignee: 'pm', form: 'f', next: 'end' },
    end: { kind: 'final', title: NASTY_TITLES.end },
  },
};
