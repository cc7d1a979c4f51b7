import type { SopDocument, StepsSpec } from '../model/sop';
import { escapeMermaidLabel, shortenGuard, toMermaidId } from './mermaid-text';
import { listStepEdges, type StepEdge } from './step-edges';
import { liftEdge, placeSteps, ROOT_SCOPE, scopeKeyOf, type PlacedStep } from './step-scopes';

const INDENT = '    ';

/** Mermaid ids for every step, unique even when two step ids sanitise to the same text. */
function assignMermaidIds(stepIds: Iterable<string>): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const stepId of stepIds) {
    const base = toMermaidId(stepId);
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}_${n}`;
    used.add(id);
    ids.set(stepId, id);
  }
  return ids;
}

function labelOf(placed: PlacedStep | undefined, stepId: string): string {
  const title = placed?.step.title?.trim();
  return title ? title : stepId;
}

function formatEdgeLabel(
  edge: StepEdge,
  from: PlacedStep,
  lifted: { from: string; to: string },
  to?: PlacedStep,
) {
  const parts: string[] = [];
  if (edge.trigger) parts.push(escapeMermaidLabel(edge.trigger));
  if (edge.guard) parts.push(`[${escapeMermaidLabel(shortenGuard(edge.guard))}]`);
  // An arrow lifted to a parallel step says which inner step it really starts or ends at.
  if (lifted.from !== from.id) parts.push(`(from ${escapeMermaidLabel(labelOf(from, from.id))})`);
  if (to && lifted.to !== to.id) parts.push(`(to ${escapeMermaidLabel(labelOf(to, to.id))})`);
  return parts.join(' ');
}

function arrow(from: string, to: string, label: string): string {
  return label ? `${from} --> ${to} : ${label}` : `${from} --> ${to}`;
}

/** Arrow lines per scope, in document order of their source steps. */
function collectEdges(placed: Map<string, PlacedStep>, ids: Map<string, string>): Map<string, string[]> {
  const byScope = new Map<string, string[]>();
  const add = (scope: string, line: string) => {
    const lines = byScope.get(scope) ?? [];
    lines.push(line);
    byScope.set(scope, lines);
  };
  for (const source of placed.values()) {
    const ownScope = source.scopes[source.scopes.length - 1] ?? ROOT_SCOPE;
    const sourceId = ids.get(source.id) ?? toMermaidId(source.id);
    if (source.step.kind === 'final') {
      add(ownScope, arrow(sourceId, '[*]', ''));
      continue;
    }
    for (const edge of listStepEdges(source.step)) {
      const target = placed.get(edge.target);
      if (!target) {
        // Unknown target (the validator reports it): draw it anyway so the diagram shows the mistake.
        add(
          ownScope,
          arrow(
            sourceId,
            toMermaidId(edge.target),
            formatEdgeLabel(edge, source, { from: source.id, to: edge.target }),
          ),
        );
        continue;
      }
      const lifted = liftEdge(source, target);
      const label = formatEdgeLabel(edge, source, lifted, target);
      add(lifted.scope, arrow(ids.get(lifted.from) ?? lifted.from, ids.get(lifted.to) ?? lifted.to, label));
    }
  }
  return byScope;
}

interface RenderContext {
  readonly out: string[];
  readonly placed: Map<string, PlacedStep>;
  readonly ids: Map<string, string>;
  readonly edges: Map<string, string[]>;
}

function renderScope(
  ctx: RenderContext,
  depth: number,
  scope: string,
  initial: string,
  steps: StepsSpec,
): void {
  const pad = INDENT.repeat(depth);
  for (const [stepId, step] of Object.entries(steps)) {
    const id = ctx.ids.get(stepId) ?? toMermaidId(stepId);
    const label = escapeMermaidLabel(labelOf(ctx.placed.get(stepId), stepId)) || id;
    if (step.kind === 'choice') {
      // Mermaid's choice pseudo-state takes no label; the title stays in a comment.
      ctx.out.push(`${pad}%% ${id}: ${label}`, `${pad}state ${id} <<choice>>`);
    } else if (step.kind === 'parallel') {
      ctx.out.push(`${pad}state "${label}" as ${id} {`);
      Object.entries(step.regions).forEach(([region, spec], index) => {
        if (index > 0) ctx.out.push(`${pad}${INDENT}--`);
        ctx.out.push(`${pad}${INDENT}%% region ${escapeMermaidLabel(region)}`);
        renderScope(ctx, depth + 1, scopeKeyOf(stepId, region), spec.initial, spec.steps);
      });
      ctx.out.push(`${pad}}`);
    } else {
      ctx.out.push(`${pad}state "${label}" as ${id}`);
    }
  }
  // States are declared before any arrow mentions them: an arrow to a not yet declared state
  // creates a plain state, and a later `<<choice>>` declaration no longer changes it.
  ctx.out.push(`${pad}[*] --> ${ctx.ids.get(initial) ?? toMermaidId(initial)}`);
  for (const line of ctx.edges.get(scope) ?? []) ctx.out.push(pad + line);
}

/**
 * The SOP as a Mermaid `stateDiagram-v2`: every step a state labelled with its title, `choice`
 * steps as `<<choice>>`, `parallel` steps as composite states whose regions are separated by
 * `--`, final steps ending in `[*]`, and every way out of a step as a labelled arrow (`submit`,
 * `approve`, `cancel [guard]`, `overdue +48h`, …). The output depends only on the document, so
 * a diagram checked into a repository changes only when the SOP does.
 *
 * @example
 * const text = toMermaid(doc);
 * // ---
 * // title: "新产品上市"
 * // ---
 * // stateDiagram-v2
 * //     state "需求发起" as requirement
 * //     …
 * //     [*] --> requirement
 * //     requirement --> breakdown : submit
 */
export function toMermaid(doc: SopDocument): string {
  const placed = placeSteps(doc);
  const ids = assignMermaidIds(placed.keys());
  const ctx: RenderContext = { out: [], placed, ids, edges: collectEdges(placed, ids) };
  // The title goes in Mermaid's front matter: a JSON string is a valid YAML scalar.
  ctx.out.push('---', `title: ${JSON.stringify(doc.title)}`, '---', 'stateDiagram-v2');
  renderScope(ctx, 1, ROOT_SCOPE, doc.initial, doc.steps);
  return `${ctx.out.join('\n')}\n`;
}
