import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { toMermaid } from '../../engine/diagram';
import { listStepEdges } from '../../engine/diagram/step-edges';
import { shortenGuard } from '../../engine/diagram/mermaid-text';
import type { SopDocument, Step, StepsSpec } from '../../engine/model/sop';
import { parseWithMermaid, type ParseResult } from './support/mermaid-parser';
import { CHOICE_SOP, NASTY_SOP, NASTY_TITLES, PARALLEL_SOP } from './support/synthetic-sops';

// Every diagram goes through Mermaid's own parser once (a child process: Mermaid is ESM and
// wants a DOM); the tests then check what Mermaid understood, not just that it did not throw.

const SOP_DIR = join(__dirname, '..', '..', 'sop-definitions');

function loadShippedSops(): { file: string; doc: SopDocument }[] {
  return readdirSync(SOP_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => ({ file, doc: parse(readFileSync(join(SOP_DIR, file), 'utf8')) as SopDocument }))
    .filter(({ doc }) => typeof doc === 'object' && doc !== null && 'apiVersion' in doc);
}

const shipped = loadShippedSops();

/** Broken diagrams Mermaid must reject, proving the parser is really checking. */
const BROKEN = [
  'stateDiagram-v2\n    state "say "hi" now" as a\n    a --> b',
  'stateDiagram-v2\n    state "open" as p {\n        a --> b\n',
  'stateDiagram-v2\n    a-b --> c',
  'stateDiagram-v2\n    a --> b : x::y',
];

/** Escaping matters: this unescaped label is accepted but misread (`;` ends the label). */
const MISREAD = 'stateDiagram-v2\n    a --> b : pay; ship';

let results: ParseResult[] = [];
const texts = [
  ...shipped.map(({ doc }) => toMermaid(doc)),
  toMermaid(PARALLEL_SOP),
  toMermaid(CHOICE_SOP),
  toMermaid(NASTY_SOP),
  ...BROKEN,
  MISREAD,
];

beforeAll(() => {
  results = parseWithMermaid(texts);
});

function accepted(index: number) {
  const result = results[index];
  if (!result) throw new Error(`no parse result ${index}`);
  if (!result.ok) throw new Error(`Mermaid rejected diagram ${index}: ${result.error}\n${texts[index]}`);
  return result;
}

function allSteps(steps: StepsSpec): [string, Step][] {
  return Object.entries(steps).flatMap(([id, step]) =>
    step.kind === 'parallel'
      ? [[id, step] as [string, Step], ...Object.values(step.regions).flatMap((r) => allSteps(r.steps))]
      : [[id, step] as [string, Step]],
  );
}

describe('Mermaid accepts the diagram of every shipped SOP', () => {
  it('finds the shipped SOPs', () => {
    expect(shipped.map((s) => s.file)).toContain('new-product-launch.yaml');
  });

  it.each(shipped.map((s, i) => [s.file, i] as const))('%s', (_file, index) => {
    const { doc } = shipped[index]!;
    const parsed = accepted(index);
    for (const [id, step] of allSteps(doc.steps)) {
      const node = parsed.nodes.find((n) => n.id === id);
      expect(node).toBeDefined();
      if (step.kind === 'choice') expect(node!.shape).toBe('choice');
      else expect(node!.label).toBe(step.title ?? id);
    }
    expect(parsed.edges).toContainEqual(expect.objectContaining({ from: '[*]', to: doc.initial }));
    // Every arrow of every step arrives with its label intact.
    for (const [id, step] of allSteps(doc.steps)) {
      if (step.kind === 'final') {
        expect(parsed.edges).toContainEqual(expect.objectContaining({ from: id, to: '[*]' }));
        continue;
      }
      for (const edge of listStepEdges(step)) {
        const label = [edge.trigger, edge.guard ? `[${shortenGuard(edge.guard)}]` : '']
          .filter(Boolean)
          .join(' ');
        expect(parsed.edges).toContainEqual(expect.objectContaining({ from: id, to: edge.target, label }));
      }
    }
  });
});

describe('Mermaid reads synthetic diagrams as intended', () => {
  const at = (name: string) => shipped.length + ['parallel', 'choice', 'nasty'].indexOf(name);

  it('draws a parallel step as a composite state with one region per SOP region', () => {
    const parsed = accepted(at('parallel'));
    const where = (id: string) => {
      const node = parsed.nodes.find((n) => n.id === id);
      return node && { parent: node.parent, region: node.region, label: node.label };
    };
    expect(where('prep')).toEqual({ parent: '', region: 0, label: '并行准备' });
    expect(where('design')).toEqual({ parent: 'prep', region: 0, label: '物料设计' });
    expect(where('designDone')).toEqual({ parent: 'prep', region: 0, label: '设计完成' });
    expect(where('build')).toEqual({ parent: 'prep', region: 1, label: '研发' });
    expect(where('rndDone')).toEqual({ parent: 'prep', region: 1, label: '研发完成' });
    expect(where('launchWait')).toEqual({ parent: '', region: 0, label: '等待上市批准' });
    const edges = parsed.edges.map(({ from, to, label }) => `${from} -> ${to} : ${label}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        '[*] -> design : ',
        '[*] -> build : ',
        'designDone -> [*] : ',
        'rndDone -> [*] : ',
        'buildReview -> build : reject',
        'prep -> launchWait : all regions done',
        'prep -> cancelled : abort (from 研发)',
        'launchWait -> done : launch.approved',
        'launchWait -> cancelled : timeout (3d)',
      ]),
    );
    // The region start and end states belong to the composite, not to the top level.
    const scoped = parsed.edges.filter((e) => e.to === 'design' || e.from === 'rndDone');
    expect(scoped.map((e) => e.scope)).toEqual(['prep', 'prep']);
  });

  it('draws choice steps as choice states with one guarded arrow per route', () => {
    const parsed = accepted(at('choice'));
    expect(parsed.nodes.find((n) => n.id === 'triage')?.shape).toBe('choice');
    const labels = parsed.edges.filter((e) => e.from === 'triage').map((e) => `${e.to} : ${e.label}`);
    expect(labels).toEqual([
      'page : [input.severity == "critical" && input.c…]',
      'ticket : [input.severity == "minor"]',
      'ticket : otherwise',
    ]);
    const fromTicket = parsed.edges.filter((e) => e.from === 'ticket').map((e) => `${e.to} : ${e.label}`);
    expect(fromTicket).toEqual([
      'closed : submit',
      'page : escalate [forms.ticket.level >= 2]',
      'closed : escalate [forms.ticket.level < 2]',
      'closed : [input.dryRun]',
      'closed : overdue +2h',
    ]);
  });

  it('keeps Chinese text, quotes, colons and markup in titles exactly as written', () => {
    const parsed = accepted(at('nasty'));
    const labelOf = (id: string) => parsed.nodes.find((n) => n.id === id)?.label;
    expect(labelOf('start')).toBe(NASTY_TITLES.start);
    expect(labelOf('two_words')).toBe(NASTY_TITLES['two-words']);
    expect(labelOf('note_')).toBe(NASTY_TITLES.note);
    expect(labelOf('state_')).toBe(NASTY_TITLES.state);
    expect(labelOf('x_start_')).toBe(NASTY_TITLES.x_start);
    expect(labelOf('s_9lives')).toBe('multi line title');
    expect(labelOf('end_')).toBe(NASTY_TITLES.end);
    expect(parsed.edges).toContainEqual(
      expect.objectContaining({ from: 'start', to: 'note_', label: 'order:paid [a::b; c == "d: e"]' }),
    );
    // Nothing else crept in: exactly the seven steps, none split off a misread label.
    expect(parsed.nodes.map((n) => n.id).sort()).toEqual(
      ['end_', 'note_', 's_9lives', 'start', 'state_', 'two_words', 'x_start_'].sort(),
    );
  });
});

describe("Mermaid's parser is a real check", () => {
  it.each(BROKEN.map((text, i) => [text, i] as const))('rejects %j', (_text, i) => {
    const result = results[texts.length - BROKEN.length - 1 + i];
    expect(result?.ok).toBe(false);
  });

  it('misreads an unescaped semicolon, which is why labels are escaped', () => {
    const result = results[texts.length - 1];
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    expect(result.edges.find((e) => e.from === 'a')?.label).toBe('pay');
    expect(result.nodes.map((n) => n.id)).toContain('ship');
  });
});
