import { MAX_EXPRESSION_DEPTH, parseExpression, type ParseExpressionResult } from '../../engine/expressions';

function parsed(text: string) {
  const result = parseExpression(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.message}`);
  return result.expression;
}

function failure(result: ParseExpressionResult) {
  if (result.ok) throw new Error(`expected a failure for ${result.expression.text}`);
  return result;
}

describe('parseExpression', () => {
  it('lists every member path read from the roots', () => {
    const expression = parsed('input.cost >= 5000 && forms.requirement.goal != ""');
    expect(expression.fields).toEqual([
      ['input', 'cost'],
      ['forms', 'requirement', 'goal'],
    ]);
    expect(expression.roots).toEqual(['input', 'forms']);
    expect(expression.type).toBe('bool');
  });

  it('says where each field is read, for positions in error messages', () => {
    const text = 'input.cost >= 5000 && forms.requirement.goal != ""';
    const expression = parsed(text);
    expect(expression.fieldSpans.map(({ start, end }) => text.slice(start, end))).toEqual([
      'input.cost',
      'forms.requirement.goal',
    ]);
  });

  it('does not count macro-bound variables as roots', () => {
    const expression = parsed('tasks.progress.all(t, t.status == "done") && size(approvals) > 0');
    expect(expression.fields).toEqual([['tasks', 'progress'], ['approvals']]);
    expect(expression.roots).toEqual(['tasks', 'approvals']);
  });

  it('reads string-literal indexes as member names and stops at computed indexes', () => {
    expect(parsed('input["cost"] > 1').fields).toEqual([['input', 'cost']]);
    expect(parsed('input.items[input.index] == "x"').fields).toEqual([
      ['input', 'items'],
      ['input', 'index'],
    ]);
  });

  it('lists a path once even when read twice, and reads inside has()', () => {
    expect(parsed('has(forms.plan.budget) && forms.plan.budget > 0 && forms.plan.budget < 9').fields).toEqual(
      [['forms', 'plan', 'budget']],
    );
  });

  it('reports a syntax error with its offset', () => {
    const result = failure(parseExpression('input.cost >='));
    expect(result.code).toBe('EXPRESSION_SYNTAX');
    expect(result.offset).toBe(13);
    expect(result.message).toMatch(/unexpected end/);
  });

  it('reports an unterminated string where it starts', () => {
    const result = failure(parseExpression('input.name == "x'));
    expect(result.code).toBe('EXPRESSION_SYNTAX');
    expect(result.offset).toBe(14);
  });

  it('refuses an unknown root variable at its position', () => {
    const result = failure(parseExpression('input.a == 1 && inputs.b == 2'));
    expect(result).toMatchObject({ code: 'EXPRESSION_UNKNOWN_VARIABLE', offset: 16, end: 22 });
    expect(result.message).toContain("unknown variable 'inputs'");
    expect(result.message).toContain('input, forms, tasks, approvals, event');
  });

  it('refuses type mistakes visible ahead of time', () => {
    expect(failure(parseExpression('1 + "a"')).code).toBe('EXPRESSION_TYPE');
    const unknownFunction = failure(parseExpression('sizee(input.list) > 1'));
    expect(unknownFunction.code).toBe('EXPRESSION_TYPE');
    expect(unknownFunction.message).toContain('sizee');
  });

  it('refuses texts over 1,000 characters without parsing them', () => {
    const text = Array.from({ length: 200 }, (_, i) => `input.f${i} == 1`).join(' || ');
    const result = failure(parseExpression(text));
    expect(result.code).toBe('EXPRESSION_TOO_LONG');
    expect(result.message).toContain(`${text.length} characters`);
  });

  it('refuses nesting deeper than the limit, by brackets or by operator chains', () => {
    const brackets = `${'('.repeat(40)}input.a${')'.repeat(40)}`;
    expect(failure(parseExpression(brackets)).code).toBe('EXPRESSION_TOO_DEEP');
    const chain = Array.from({ length: MAX_EXPRESSION_DEPTH + 2 }, () => 'input.a').join(' + ');
    expect(failure(parseExpression(chain)).code).toBe('EXPRESSION_TOO_DEEP');
    expect(parseExpression(Array.from({ length: 10 }, () => 'input.a').join(' + ')).ok).toBe(true);
  });

  it('refuses an empty expression', () => {
    expect(failure(parseExpression('  ')).code).toBe('EXPRESSION_SYNTAX');
  });

  it('returns the same parsed program for the same text (cache)', () => {
    expect(parsed('input.x == 1')).toBe(parsed('input.x == 1'));
  });
});
