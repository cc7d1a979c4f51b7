import { findStronglyConnected } from '../../engine/validator/strongly-connected';

function components(edges: Record<string, string[]>): string[][] {
  return findStronglyConnected(Object.keys(edges), (node) => edges[node] ?? []).map((c) => [...c].sort());
}

describe('findStronglyConnected', () => {
  it('groups loops and lists components before those that lead to them', () => {
    expect(components({ a: ['b'], b: ['a', 'c'], c: [], d: ['a'] })).toEqual([['c'], ['a', 'b'], ['d']]);
  });

  it('keeps a self-loop as its own component', () => {
    expect(components({ a: ['a'], b: [] })).toEqual([['a'], ['b']]);
  });

  it('handles a chain of 100,000 nodes without overflowing the stack', () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 100_000; i++) edges[`n${i}`] = i + 1 < 100_000 ? [`n${i + 1}`] : [];
    expect(findStronglyConnected(Object.keys(edges), (n) => edges[n] ?? [])).toHaveLength(100_000);
  });
});
