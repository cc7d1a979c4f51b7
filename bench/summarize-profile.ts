/**
 * Prints where a CPU profile's time went: the share of samples per function, inclusive of what
 * it calls (a function counted once per sample even when recursive), and self time per package.
 *
 *   npx tsx bench/summarize-profile.ts bench/results/CPU.….cpuprofile [rows]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** `functionName path:line`, with the path made relative to the repository. */
function nameOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const path = url.replace(/^file:\/\//, '').replace(/^.*?\/(node_modules|engine|bench|cli)\//, '$1/');
  return `${functionName || '(anonymous)'} ${path}:${lineNumber + 1}`;
}

/** `node_modules/yaml`, `engine/loader`, `(garbage collector)`: where self time is spent. */
function packageOf(node: ProfileNode): string {
  const path = node.callFrame.url.replace(/^file:\/\//, '');
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inModules) return `node_modules/${inModules[1]}`;
  const inRepo = /\/(engine\/[^/]+|bench|cli)\//.exec(path);
  if (inRepo) return inRepo[1]!;
  return path === '' ? node.callFrame.functionName || '(native)' : 'node internals';
}

function percent(part: number, total: number): string {
  return `${((100 * part) / total).toFixed(1).padStart(5)}%`;
}

function summarize(profile: CpuProfile, rows: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const time = profile.timeDeltas[index] ?? 0;
    total += time;
    const leaf = byId.get(id);
    if (leaf) self.set(packageOf(leaf), (self.get(packageOf(leaf)) ?? 0) + time);
    const seen = new Set<string>();
    for (let cursor: number | undefined = id; cursor !== undefined; cursor = parentOf.get(cursor)) {
      const node = byId.get(cursor);
      if (!node) break;
      const name = nameOf(node);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + time);
    }
  });
  const top = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, time]) => `${percent(time, total)}  ${name}`);
  return [
    'Self time by package:',
    ...top(self, 12),
    '',
    'Inclusive time by function:',
    ...top(inclusive, rows),
  ];
}

const [file, rows] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/summarize-profile.ts <file.cpuprofile> [rows]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
for (const line of summarize(profile, Number(rows ?? 60))) console.log(line);
