import { measureNestingDepth } from '../../engine/loader/nesting-depth';

describe('measureNestingDepth', () => {
  it('counts flow brackets and compact indicators on one line', () => {
    expect(measureNestingDepth('a: [1, [2, {b: 3}]]').depth).toBe(4);
    expect(measureNestingDepth('- - - x').depth).toBe(3);
    expect(measureNestingDepth('steps:\n  a:\n    kind: form\n').depth).toBe(1);
  });

  it('ignores brackets inside quotes and comments, and does not mistake apostrophes for quotes', () => {
    expect(measureNestingDepth('a: "[[[[" # [[[[\nb: \'[[\'\n').depth).toBe(1);
    expect(measureNestingDepth("a: don't [x]\n").depth).toBe(2);
  });

  it('reports where the deepest point is', () => {
    const text = 'a: 1\nb: [[[x]]]\n';
    const { depth, offset } = measureNestingDepth(text);
    expect(depth).toBe(4);
    expect(text[offset]).toBe('[');
    expect(text.slice(0, offset)).toBe('a: 1\nb: [[');
  });
});
