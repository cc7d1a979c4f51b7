import type { CompiledSop } from '../model/compiled';

type StateValue = string | { readonly [key: string]: StateValue };

/**
 * The step ids a snapshot is in, outermost first (a parallel step, then the steps active in its
 * regions). Region names are skipped: they are not steps.
 */
export function activeSteps(compiled: CompiledSop, value: unknown): string[] {
  const known = new Set(compiled.steps.map((s) => s.id));
  const out: string[] = [];
  const walk = (node: StateValue): void => {
    if (typeof node === 'string') {
      if (known.has(node)) out.push(node);
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (known.has(key)) out.push(key);
      walk(child);
    }
  };
  walk(value as StateValue);
  return out;
}
