/**
 * Runs `fn` over `items` with at most `limit` calls in flight, answers in the items' order: reads
 * of many projects (work lists, KPI reports) must not flood the worker with queries at once.
 *
 * @example
 * const views = await mapLimited(ids, 8, (id) => readProject(deps, id));
 */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}
