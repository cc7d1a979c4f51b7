import { stringify } from 'yaml';
import { checkSopText } from '../../../engine/validator';
import { buildSop, problemsOf, summarize, type SopDraft } from '../support/build-sop';

/** The draft with a choice step after `request` whose only route has condition `when`. */
function withRoute(when: string): SopDraft {
  const sop = buildSop();
  sop.steps.request.next = 'route';
  sop.steps.route = { kind: 'choice', routes: [{ when, target: 'done' }], otherwise: 'done' };
  return sop;
}

describe('checkExpressions', () => {
  it('accepts conditions that read what exists', () => {
    const sop = withRoute(
      'forms.request.cost >= 5000 && input.projectManager != "" && has(input.launchDate)',
    );
    sop.steps.request.on = { escalate: { target: 'done', when: 'event.data.urgent == true' } };
    expect(problemsOf(sop)).toEqual([]);
  });

  it('points at the character where a condition stops making sense', () => {
    const text = stringify(withRoute('forms.request.cost >= 5000 &&'));
    const [problem] = checkSopText(text, 'unit.yaml').problems;
    const line = text.split('\n')[(problem?.line ?? 0) - 1] ?? '';
    expect(problem?.code).toBe('INVALID_EXPRESSION');
    expect(line.slice(0, (problem?.column ?? 0) - 1)).toBe('      - when: forms.request.cost >= 5000 &&');
  });

  it('maps positions inside quoted and block-scalar conditions', () => {
    const quoted = 'steps:\n  route:\n    routes:\n      - when: "input.a == \\"x\\" && inputs.b"\n';
    const block =
      'steps:\n  route:\n    routes:\n      - when: >-\n          input.a == 1 &&\n          inputs.b == 2\n';
    for (const [text, line, column] of [
      [quoted, 4, 36],
      [block, 6, 11],
    ] as const) {
      const problem = checkSopText(text, 'unit.yaml').problems.find(
        (p) => p.code === 'UNKNOWN_EXPRESSION_FIELD',
      );
      expect({ line: problem?.line, column: problem?.column }).toEqual({ line, column });
    }
  });

  it('reports unknown variables, form steps, form fields and input fields', () => {
    expect(summarize(problemsOf(withRoute('inputs.x == 1')))).toEqual([
      'UNKNOWN_EXPRESSION_FIELD /steps/route/routes/0/when',
    ]);
    expect(problemsOf(withRoute('inputs.x == 1'))[0]?.hint).toBe("did you mean 'input'?");
    const notAForm = problemsOf(withRoute('forms.route.cost > 1'));
    expect(notAForm[0]?.message).toContain("step 'route' is a choice step, not a form step");
    const field = problemsOf(withRoute('forms.request.costs > 1'));
    expect(field[0]?.message).toContain("form 'request' (of step 'request') has no field 'costs'");
    expect(field[0]?.hint).toBe("did you mean 'cost'?");
    expect(summarize(problemsOf(withRoute('input.budget > 1')))).toEqual([
      'UNKNOWN_INPUT_FIELD /steps/route/routes/0/when',
    ]);
    expect(summarize(problemsOf(withRoute('tasks.request.size() > 1')))).toEqual([
      'UNKNOWN_EXPRESSION_FIELD /steps/route/routes/0/when',
    ]);
  });

  it('refuses conditions that are not true or false, and type mistakes', () => {
    // A bare field could hold true or false; only the run time can tell.
    expect(problemsOf(withRoute('forms.request.cost'))).toEqual([]);
    expect(problemsOf(withRoute('forms.request.cost + 1'))[0]?.message).toContain(
      'produces a value of type int',
    );
    expect(problemsOf(withRoute('1 + "a"'))[0]?.code).toBe('INVALID_EXPRESSION');
  });

  it('allows event only in on: transitions', () => {
    const sop = withRoute('event.data.urgent');
    expect(summarize(problemsOf(sop))).toEqual(['EVENT_OUTSIDE_ON /steps/route/routes/0/when']);
    const always = buildSop();
    always.steps.request.always = [{ target: 'done', when: 'event.type == "x"' }];
    expect(summarize(problemsOf(always))).toEqual(['EVENT_OUTSIDE_ON /steps/request/always/0/when']);
    const on = buildSop();
    on.steps.request.on = { escalate: { target: 'done', when: 'event.dat.urgent' } };
    expect(problemsOf(on)[0]?.hint).toBe("did you mean 'data'?");
  });

  it("checks deadline 'at' fields", () => {
    const sop = buildSop();
    sop.steps.request.deadline = { at: 'input.launchDay' };
    expect(summarize(problemsOf(sop))).toEqual(['UNKNOWN_INPUT_FIELD /steps/request/deadline/at']);
    sop.steps.request.deadline = { at: 'forms.request.cost' };
    expect(problemsOf(sop)).toEqual([]);
    sop.steps.request.deadline = { at: 'launchDate' };
    expect(summarize(problemsOf(sop))).toEqual(['INVALID_VALUE /steps/request/deadline/at']);
  });
});
