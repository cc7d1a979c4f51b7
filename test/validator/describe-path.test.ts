import { describePath } from '../../engine/validator/describe-path';

const DOC = {
  steps: {
    review: {
      on: { cancel: { target: 'x', by: ['pm'] }, retry: [{ target: 'a' }] },
      reminders: [{ notify: ['a'] }],
      regions: { tech: { initial: 'fix', steps: { fix: {} } } },
    },
  },
  kpis: [{ id: 'speed' }, {}],
  participants: { pm: { user: 'x' } },
};

describe('describePath', () => {
  it.each([
    [[], 'the SOP'],
    [['steps', 'review'], "step 'review'"],
    [['steps', 'review', 'deadline'], "'deadline' of step 'review'"],
    [['steps', 'review', 'on', 'cancel'], "transition on 'cancel' of step 'review'"],
    [
      ['steps', 'review', 'on', 'cancel', 'by', 0],
      "item 1 of 'by' of transition on 'cancel' of step 'review'",
    ],
    [['steps', 'review', 'on', 'retry', 0, 'target'], "'target' of transition 1 on 'retry' of step 'review'"],
    [['steps', 'review', 'reminders', 0, 'notify'], "'notify' of reminder 1 of step 'review'"],
    [['steps', 'review', 'regions', 'tech', 'initial'], "'initial' of region 'tech' of step 'review'"],
    [['steps', 'review', 'regions', 'tech', 'steps', 'fix', 'kind'], "'kind' of step 'fix'"],
    [['kpis', 0, 'subject'], "'subject' of KPI 'speed'"],
    [['kpis', 1], 'KPI 2'],
    [['participants', 'pm', 'user'], "'user' of participant 'pm'"],
  ] as const)('names %j as %s', (path, expected) => {
    expect(describePath(path, DOC, 'the SOP')).toBe(expected);
  });
});
