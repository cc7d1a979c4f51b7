import { checkSopText } from '../../../engine/validator';
import { buildSop, notifyStep, problemsOf, summarize } from '../support/build-sop';

describe('checkSchema', () => {
  it('names an unsupported key, lists the supported ones and guesses the intended one', () => {
    const sop = buildSop();
    sop.steps.request.deadlin = sop.steps.request.deadline;
    delete sop.steps.request.deadline;
    const [problem, ...rest] = problemsOf(sop);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      code: 'UNKNOWN_KEY',
      path: '/steps/request/deadlin',
      message:
        "step 'request' has unsupported key 'deadlin'; supported keys are: kind, title, description, assignee, form, respondents, deadline, reminders, escalation, next, on, always, recurring",
      hint: "did you mean 'deadline'?",
    });
  });

  it('says which step kinds have a key that this kind does not', () => {
    const sop = buildSop();
    sop.steps.request.onReject = 'done';
    expect(problemsOf(sop)[0]?.hint).toBe("'onReject' belongs to approval steps; check this step's 'kind'");
    sop.steps.request = { ...sop.steps.request, onReject: undefined, whatever: 1 };
    delete sop.steps.request.onReject;
    expect(problemsOf(sop)[0]?.hint).toBe('remove it, or check the spelling and the indentation');
  });

  it('explains a missing key with what it is and an example', () => {
    const sop = buildSop();
    delete sop.steps.request.form;
    const [problem] = problemsOf(sop);
    expect(problem?.message).toBe("step 'request' is missing required key 'form'");
    expect(problem?.hint).toMatch(/e\.g\. form: \S+$/);
  });

  it('lists allowed values and guesses the intended one', () => {
    const sop = buildSop();
    sop.steps.request.kind = 'fomr';
    expect(problemsOf(sop)).toMatchObject([
      {
        code: 'INVALID_VALUE',
        message:
          "'kind' of step 'request' is 'fomr'; allowed values are: form, tasks, approval, wait, notify, choice, parallel, final",
        hint: "did you mean 'form'?",
      },
    ]);
    sop.steps.request.kind = 'form';
    sop.apiVersion = 'sop/v2';
    expect(problemsOf(sop)[0]?.message).toBe("'apiVersion' must be 'sop/v1', not 'sop/v2'");
  });

  it('explains a file that is not a map at all', () => {
    const [problem] = checkSopText('- just\n- a list\n', 'list.yaml').problems;
    expect(problem).toMatchObject({ code: 'WRONG_TYPE', line: 1, column: 1 });
    expect(problem?.message).toMatch(/^the SOP must be a map of keys/);
  });

  it('gives one problem for a participant with two sources or none', () => {
    const sop = buildSop();
    sop.participants.pm = { fromInput: 'projectManager', user: 'li.na' };
    sop.participants.nobody = { title: 'Nobody' };
    expect(problemsOf(sop).map((p) => p.message)).toEqual([
      "participant 'pm' has 'user' and 'fromInput'; use exactly one of: user, role, headOf, managerOf + levels, fromInput",
      "participant 'nobody' needs exactly one of: user, role, headOf, managerOf + levels, fromInput",
    ]);
  });

  it('gives one problem for a reminder with both or neither of before and every', () => {
    const sop = buildSop();
    sop.steps.request.reminders = [
      { before: '1h', every: 'every day at 09:00', notify: ['pm'] },
      { notify: ['pm'] },
    ];
    expect(summarize(problemsOf(sop))).toEqual([
      'CONFLICTING_KEYS /steps/request/reminders/0',
      'MISSING_KEY /steps/request/reminders/1',
    ]);
  });

  it('picks the alternative that fits the value: text or map for a deadline', () => {
    const sop = buildSop();
    sop.steps.request.deadline = 24;
    expect(problemsOf(sop)).toMatchObject([
      {
        code: 'WRONG_TYPE',
        path: '/steps/request/deadline',
        message: "'deadline' of step 'request' must be text or a map of keys ('key: value' lines), not 24",
      },
    ]);
    sop.steps.request.deadline = { at: 'input.launchDate', bfore: '2d' };
    expect(problemsOf(sop)).toMatchObject([
      { code: 'UNKNOWN_KEY', path: '/steps/request/deadline/bfore', hint: "did you mean 'before'?" },
    ]);
  });

  it('does not also report the required key that an unsupported key misspells', () => {
    const sop = buildSop();
    sop.steps.request.on = { cancel: { targt: 'done' } };
    expect(summarize(problemsOf(sop))).toEqual(['UNKNOWN_KEY /steps/request/on/cancel/targt']);
  });

  it('asks for at least one effect of an escalation rung and one trigger of a wait', () => {
    const sop = buildSop();
    sop.steps.request.escalation = [{ after: '0h' }];
    sop.steps.request.next = 'pause';
    sop.steps.pause = { kind: 'wait', next: 'done' };
    expect(problemsOf(sop).map((p) => p.message)).toEqual([
      "escalation rung 1 of step 'request' needs at least one of: notify, reassign, action, goto, cancel",
      "step 'pause' needs at least one of: for, until",
    ]);
  });

  it('explains keys that need another key', () => {
    const sop = buildSop();
    sop.steps.request.next = 'pause';
    sop.steps.pause = { kind: 'wait', for: 'paid', onTimeout: 'done', next: 'done' };
    expect(problemsOf(sop)[0]?.message).toBe(
      "step 'pause' is missing required key 'until' (needed with 'onTimeout')",
    );
  });

  it('explains names that break the naming rule, at the name', () => {
    const sop = buildSop();
    sop.steps.request.next = 'all-done';
    sop.steps['all-done'] = { kind: 'final' };
    delete sop.steps.done;
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual([
      'INVALID_VALUE /steps/request/next',
      'INVALID_KEY_NAME /steps/all-done',
    ]);
    expect(problems[1]?.message).toBe("'all-done' is not a valid step id in 'steps'");
    expect(problems[1]?.hint).toContain("letters, digits and '_' only");
  });

  it('explains sizes and ranges in words', () => {
    const sop = buildSop();
    sop.steps.request.escalation = [{ after: '0h', notify: [] }];
    sop.participants.boss = { managerOf: 'pm', levels: 0 };
    sop.title = '';
    expect(problemsOf(sop).map((p) => p.message)).toEqual([
      "'title' must not be empty",
      "'levels' of participant 'boss' must be at least 1, not 0",
      "'notify' of escalation rung 1 of step 'request' must list at least 1 item",
    ]);
  });

  it('still runs the meaning checks, on the keys the author meant', () => {
    const sop = buildSop();
    sop.steps.request.deadlin = '2 dayz';
    delete sop.steps.request.deadline;
    sop.steps.request.nxt = 'don';
    delete sop.steps.request.next;
    sop.steps.extra = notifyStep('done');
    const problems = problemsOf(sop);
    expect(summarize(problems)).toEqual([
      'UNKNOWN_KEY /steps/request/deadlin',
      'INVALID_DURATION /steps/request/deadlin',
      'UNKNOWN_KEY /steps/request/nxt',
      'UNKNOWN_TARGET /steps/request/nxt',
      'UNREACHABLE_STEP /steps/extra',
    ]);
    // Reported at the value as written, not at the step.
    expect(problems[1]?.message).toMatch(/^'deadline' of step 'request': '2 dayz'/);
  });
});
