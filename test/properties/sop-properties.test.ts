/**
 * Property-based tests over generated SOPs: every schema-valid SOP compiles, compiling is
 * deterministic, and the validator's reachability verdict agrees with XState's own graph.
 */
import fc from 'fast-check';
import { toDirectedGraph, type DirectedGraphNode } from '@xstate/graph';
import { stringify } from 'yaml';
import { compileSop } from '../../engine/compiler';
import type { SopDocument, Step } from '../../engine/model/sop';
import { createSopMachine } from '../../engine/runtime/create-machine';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import sopSchema from '../../engine/schema/sop.schema.json';
import { checkSopText } from '../../engine/validator';
import { TEST_CALENDAR, TEST_ORG } from '../support/sop-fixtures';

/** A flat SOP of 2–12 steps whose every target names an existing step (so it is schema-valid). */
const sopArbitrary = fc.integer({ min: 2, max: 12 }).chain((count) => {
  const ids = Array.from({ length: count }, (_, i) => `s${i}`);
  const target = fc.constantFrom(...ids);
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc
      .record({
        kind: fc.constant('form' as const),
        next: target,
        deadline: fc.constantFrom('24h', '2 business days'),
      })
      .map((s): Step => ({
        ...s,
        assignee: 'pm',
        form: 'note',
        escalation: [{ after: '0h', notify: ['head'] }],
      })),
    fc.record({ onApprove: target, onReject: target }).map((s): Step => ({
      kind: 'approval',
      assignee: 'head',
      deadline: '4 working hours',
      escalation: [{ after: '1h', action: 'approve' }],
      ...s,
    })),
    fc
      .record({ next: target, until: fc.constantFrom('30m', '1 business days') })
      .map((s): Step => ({ kind: 'wait', for: 'external.done', ...s })),
    target.map((next): Step => ({ kind: 'notify', notify: ['pm'], message: 'hello', next })),
    fc.tuple(target, target).map(([a, b]): Step => ({
      kind: 'choice',
      routes: [{ when: 'input.amount > 10', target: a }],
      otherwise: b,
    })),
    fc.constant<Step>({ kind: 'final' }),
  );
  return fc
    .tuple(fc.array(step, { minLength: count, maxLength: count }), fc.constantFrom(...ids))
    .map(([steps, initial]): SopDocument => ({
      apiVersion: 'sop/v1',
      id: 'generated',
      version: '1.0.0',
      title: 'Generated',
      owner: 'mkt',
      timeZone: 'UTC',
      calendar: 'test',
      participants: { pm: { fromInput: 'pm' }, head: { headOf: 'mkt' } },
      input: {
        schema: { type: 'object', properties: { pm: { type: 'string' }, amount: { type: 'number' } } },
      },
      forms: { note: { title: 'Note', schema: { type: 'object' } } },
      initial,
      steps: Object.fromEntries(ids.map((id, i) => [id, steps[i]!])),
    }));
});

const calendars = new Map([['test', TEST_CALENDAR]]);

/** Step ids XState's graph can reach from the given steps (event, delayed and eventless transitions). */
function reachableByXState(doc: SopDocument, from: readonly string[]): Set<string> {
  const machine = createSopMachine(compileSop(doc, { calendars }));
  const graph = toDirectedGraph(machine);
  const byId = new Map<string, DirectedGraphNode>(
    graph.children.map((node) => [node.id.split('.').pop()!, node]),
  );
  const seen = new Set<string>();
  const queue = [...from];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = byId.get(id);
    if (!node) continue;
    const targets = [
      ...node.edges.map((edge) => edge.target.key),
      ...(node.stateNode.always ?? []).flatMap((t) => (t.target ?? []).map((s) => s.key)),
    ];
    queue.push(...targets);
  }
  return seen;
}

describe('generated SOPs', () => {
  it('every schema-valid SOP compiles to a machine XState accepts', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(sopSchema);
    fc.assert(
      fc.property(sopArbitrary, (doc) => {
        expect(validate(doc) ? [] : validate.errors).toEqual([]);
        const compiled = compileSop(doc, { calendars });
        expect(() => createSopMachine(compiled)).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });

  it('compiling is deterministic: the same document gives byte-identical JSON', () => {
    fc.assert(
      fc.property(sopArbitrary, (doc) => {
        const copy = JSON.parse(JSON.stringify(doc)) as SopDocument;
        expect(JSON.stringify(compileSop(copy, { calendars }))).toBe(
          JSON.stringify(compileSop(doc, { calendars })),
        );
      }),
      { numRuns: 100 },
    );
  });

  // The validator reports each unreachable chain once, at its first step ("… so 2 steps after it
  // are never reached either"): the flagged steps plus what XState reaches from them must be
  // exactly the steps XState cannot reach from the initial step.
  it("the validator's unreachable steps agree with XState's graph", () => {
    fc.assert(
      fc.property(sopArbitrary, (doc) => {
        const { problems } = checkSopText(stringify(doc), 'generated.yaml', { org: TEST_ORG, calendars });
        const flagged = problems
          .filter((p) => p.code === 'UNREACHABLE_STEP')
          .map((p) => /^\/steps\/([^/]+)/.exec(p.path)?.[1] ?? '?');
        const reachable = reachableByXState(doc, [doc.initial]);
        const unreachable = Object.keys(doc.steps).filter((id) => !reachable.has(id));
        for (const id of flagged) expect(reachable.has(id)).toBe(false);
        const explained = [...reachableByXState(doc, flagged)].filter((id) => !reachable.has(id));
        expect(explained.sort()).toEqual(unreachable.sort());
      }),
      { numRuns: 150 },
    );
  });
});
