import type { DocumentPath } from '../loader/document-path';
import { STEP_KINDS } from '../model/sop';

/** A map read from the (not yet trusted) document. */
export type RawMap = Readonly<Record<string, unknown>>;

/** One step wherever it is declared, top level or inside a parallel region. */
export interface StepEntry {
  readonly id: string;
  readonly path: DocumentPath;
  readonly step: RawMap;
  /** `kind` when it is one of the step kinds (a missing or unknown kind is the schema check's business). */
  readonly kind?: string;
  /** The region the step belongs to; absent at the top level. */
  readonly region?: RegionEntry;
}

/** One region of a parallel step. */
export interface RegionEntry {
  readonly parallel: string;
  readonly name: string;
  readonly path: DocumentPath;
  readonly initial?: string;
  readonly stepIds: readonly string[];
}

/**
 * Everything the semantic checks look up, read defensively from a document that may not
 * match the schema (checks run even when the schema check failed, to report all at once).
 */
export interface SopIndex {
  readonly doc: RawMap;
  /** Every step in document order, duplicates included. */
  readonly steps: readonly StepEntry[];
  /** The first step declared under each id. */
  readonly stepsById: ReadonlyMap<string, StepEntry>;
  readonly regions: readonly RegionEntry[];
  readonly participants: ReadonlyMap<string, RawMap>;
  readonly forms: ReadonlyMap<string, RawMap>;
  /** `input.schema`, when it is a map. */
  readonly inputSchema?: RawMap;
  /** `initial` of the SOP, when it is text. */
  readonly initial?: string;
}

/**
 * Indexes the steps (recursively through parallel regions), participants, forms and input
 * schema of a document.
 *
 * @example
 * ```ts
 * const index = indexSop(loaded.document);
 * index.stepsById.get('requirement')?.kind; // 'form'
 * ```
 */
export function indexSop(document: unknown): SopIndex {
  const doc = asMap(document) ?? {};
  const steps: StepEntry[] = [];
  const regions: RegionEntry[] = [];
  collectSteps(doc.steps, ['steps'], undefined, steps, regions);
  const stepsById = new Map<string, StepEntry>();
  for (const entry of steps) if (!stepsById.has(entry.id)) stepsById.set(entry.id, entry);
  const inputSchema = asMap(asMap(doc.input)?.schema);
  return {
    doc,
    steps,
    stepsById,
    regions,
    participants: mapEntries(doc.participants),
    forms: mapEntries(doc.forms),
    ...(inputSchema ? { inputSchema } : {}),
    ...(typeof doc.initial === 'string' ? { initial: doc.initial } : {}),
  };
}

function collectSteps(
  value: unknown,
  path: DocumentPath,
  region: RegionEntry | undefined,
  steps: StepEntry[],
  regions: RegionEntry[],
): void {
  for (const [id, step] of mapEntries(value)) {
    const stepPath = [...path, id];
    const kind = (STEP_KINDS as readonly unknown[]).includes(step.kind) ? (step.kind as string) : undefined;
    steps.push({ id, path: stepPath, step, ...(kind ? { kind } : {}), ...(region ? { region } : {}) });
    if (kind !== 'parallel') continue;
    for (const [name, spec] of mapEntries(step.regions)) {
      const regionPath = [...stepPath, 'regions', name];
      const entry: RegionEntry = {
        parallel: id,
        name,
        path: regionPath,
        ...(typeof spec.initial === 'string' ? { initial: spec.initial } : {}),
        stepIds: [...mapEntries(spec.steps).keys()],
      };
      regions.push(entry);
      collectSteps(spec.steps, [...regionPath, 'steps'], entry, steps, regions);
    }
  }
}

/**
 * The value as a map, or undefined when it is not one.
 *
 * @example
 * ```ts
 * asMap({ a: 1 }); // { a: 1 }
 * asMap([1]); // undefined
 * ```
 */
export function asMap(value: unknown): RawMap | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RawMap) : undefined;
}

/**
 * The entries of a map whose values are maps themselves (others are the schema check's business).
 *
 * @example
 * ```ts
 * mapEntries({ a: { kind: 'final' }, b: 3 }); // Map { 'a' => { kind: 'final' } }
 * ```
 */
export function mapEntries(value: unknown): Map<string, RawMap> {
  const entries = new Map<string, RawMap>();
  for (const [key, item] of Object.entries(asMap(value) ?? {})) {
    const map = asMap(item);
    if (map) entries.set(key, map);
  }
  return entries;
}

/**
 * The items of a list with their index, or nothing when the value is not a list.
 *
 * @example
 * ```ts
 * listItems(['a', 'b']); // [['a', 0], ['b', 1]]
 * ```
 */
export function listItems(value: unknown): [unknown, number][] {
  return Array.isArray(value) ? value.map((item: unknown, index) => [item, index]) : [];
}

/**
 * A step kind with its article, for messages.
 *
 * @example
 * ```ts
 * withArticle('approval'); // 'an approval'
 * withArticle('form'); // 'a form'
 * ```
 */
export function withArticle(kind: string): string {
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}
