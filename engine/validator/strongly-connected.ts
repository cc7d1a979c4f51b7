/**
 * Strongly connected components of a directed graph (Tarjan's algorithm, iterative so that
 * long chains of steps cannot overflow the call stack). Components come out in reverse
 * topological order: a component is listed before any component that leads to it.
 *
 * @example
 * ```ts
 * const edges = new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]]);
 * findStronglyConnected(['a', 'b', 'c'], (n) => edges.get(n) ?? []); // [['b', 'a'], ['c']]
 * ```
 */
export function findStronglyConnected(
  nodes: readonly string[],
  next: (node: string) => readonly string[],
): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const start of nodes) {
    if (order.has(start)) continue;
    // Each frame: the node and how many of its successors have been looked at.
    const frames: { node: string; successors: readonly string[]; seen: number }[] = [];
    const open = (node: string) => {
      order.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      frames.push({ node, successors: next(node), seen: 0 });
    };
    open(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.seen < frame.successors.length) {
        const successor = frame.successors[frame.seen++]!;
        if (!order.has(successor)) open(successor);
        else if (onStack.has(successor)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, order.get(successor)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== order.get(frame.node)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      components.push(component);
    }
  }
  return components;
}
