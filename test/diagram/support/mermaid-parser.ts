import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** A state as Mermaid's parser read it; `parent` is the composite state ('' at the top level). */
export interface ParsedNode {
  readonly id: string;
  readonly label: string;
  readonly shape: string;
  readonly parent: string;
  /** Index of the region (`--`-separated part) of `parent` the state sits in. */
  readonly region: number;
}

/** An arrow as Mermaid read it; `[*]` stands for start and end pseudo-states. */
export interface ParsedEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** For arrows from or to `[*]`: the composite state it belongs to ('' at the top level). */
  readonly scope?: string;
}

export type ParseResult =
  | { readonly ok: true; readonly nodes: ParsedNode[]; readonly edges: ParsedEdge[] }
  | { readonly ok: false; readonly error: string };

const SCRIPT = join(__dirname, 'parse-mermaid.mjs');

/**
 * Parses each text with Mermaid's own parser (`mermaid.parse`) in a child Node process, and
 * reports what Mermaid understood: states with their decoded labels and arrows.
 */
export function parseWithMermaid(texts: readonly string[]): ParseResult[] {
  const run = spawnSync(process.execPath, [SCRIPT], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`parse-mermaid.mjs failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as ParseResult[];
}
