import { evaluateCondition, evaluateExpression, parseExpression } from '../../engine/expressions';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('evaluateExpression', () => {
  it('evaluates with JSON numbers as CEL ints and returns plain numbers', () => {
    expect(evaluateExpression('input.cost * 2 + 1', { input: { cost: 3000 } })).toBe(6001);
    expect(evaluateExpression('[input.a, size(input.list)]', { input: { a: 1, list: ['x', 'y'] } })).toEqual([
      1, 2,
    ]);
    expect(evaluateExpression('{"total": input.a + 1}', { input: { a: 1 } })).toEqual({ total: 2 });
  });

  it('keeps fractional numbers as doubles', () => {
    expect(evaluateExpression('input.rate * 2.0', { input: { rate: 0.25 } })).toBe(0.5);
  });

  it('accepts a parsed expression as well as text', () => {
    const result = parseExpression('forms.requirement.goal != ""');
    if (!result.ok) throw new Error(result.message);
    expect(evaluateExpression(result.expression, { forms: { requirement: { goal: 'ship' } } })).toBe(true);
  });

  it('turns a missing key into EXPRESSION_MISSING_KEY naming the owner and the field', () => {
    let message = '';
    try {
      evaluateExpression('forms.requirement.goal == "x"', { forms: { requirement: {} } });
    } catch (error) {
      expect((error as { code: string }).code).toBe('EXPRESSION_MISSING_KEY');
      message = (error as Error).message;
    }
    expect(message).toContain("'forms.requirement' has no field 'goal'");
    expect(message).toMatch(/^\[EXPRESSION_MISSING_KEY\]/);
  });

  it('treats roots that are not given as empty, so has() answers false', () => {
    expect(evaluateExpression('has(forms.requirement)', {})).toBe(false);
    expect(codeOf(() => evaluateExpression('forms.requirement', {}))).toBe('EXPRESSION_MISSING_KEY');
  });

  it('treats keys set to undefined as absent', () => {
    expect(evaluateExpression('has(input.a)', { input: { a: undefined } })).toBe(false);
  });

  it('reports refused text and runtime failures with stable codes', () => {
    expect(codeOf(() => evaluateExpression('input.a +', {}))).toBe('EXPRESSION_SYNTAX');
    expect(codeOf(() => evaluateExpression('input.a / input.b', { input: { a: 1, b: 0 } }))).toBe(
      'EXPRESSION_EVALUATION',
    );
    expect(codeOf(() => evaluateExpression('input.a + input.b', { input: { a: 1, b: 'x' } }))).toBe(
      'EXPRESSION_TYPE',
    );
  });
});

describe('evaluateCondition', () => {
  it('returns the boolean result', () => {
    expect(evaluateCondition('input.cost >= 5000', { input: { cost: 8000 } })).toBe(true);
    expect(evaluateCondition('input.cost >= 5000', { input: { cost: 10 } })).toBe(false);
    expect(
      evaluateCondition('tasks.progress.all(t, t.status == "done")', {
        tasks: { progress: [{ status: 'done' }, { status: 'blocked' }] },
      }),
    ).toBe(false);
  });

  it('refuses a non-boolean result', () => {
    let message = '';
    try {
      evaluateCondition('input.cost', { input: { cost: 8000 } });
    } catch (error) {
      expect((error as { code: string }).code).toBe('EXPRESSION_NOT_BOOLEAN');
      message = (error as Error).message;
    }
    expect(message).toContain('produced the number 8000');
  });
});
