import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BUILTIN_PARTICIPANT_REFS, STEP_KINDS, TASK_STATUSES } from '../../engine/model/sop';
import { createSchemaAjv, schemaId, SOP_SCHEMA } from './create-schema-ajv';

const DOC_TEXT = readFileSync(join(__dirname, '../../docs/sop-language.md'), 'utf8');

/** The ```yaml blocks of the doc, de-indented (blocks inside list items are indented). */
function yamlBlocks(markdown: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = [];
  for (const match of markdown.matchAll(/^( *)```yaml\n([\s\S]*?)^\1```/gm)) {
    const indent = match[1] ?? '';
    const text = (match[2] ?? '')
      .split('\n')
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
      .join('\n');
    blocks.push({ line: markdown.slice(0, match.index).split('\n').length, text });
  }
  return blocks;
}

// Fragments are checked against the part of the schema they illustrate: a top-level section, a
// field every step shares, or else (a map of step id → step) a step.
const TOP_LEVEL = Object.keys(SOP_SCHEMA.properties as object);
const SHARED_STEP_FIELDS: Record<string, string> = {
  deadline: '/$defs/deadline',
  reminders: '/$defs/reminders',
  escalation: '/$defs/escalation',
  recurring: '/$defs/recurring',
  on: '/$defs/on',
  always: '/$defs/always',
};

function pointerFor(key: string): string {
  if (TOP_LEVEL.includes(key)) return `/properties/${key}`;
  return SHARED_STEP_FIELDS[key] ?? '/$defs/step';
}

function isEventScript(doc: object): boolean {
  return 'start' in doc && 'events' in doc;
}

describe('docs/sop-language.md', () => {
  const blocks = yamlBlocks(DOC_TEXT);

  it('has YAML examples', () => {
    expect(blocks.length).toBeGreaterThan(20);
  });

  it('shows only examples that are valid SOP YAML', () => {
    const ajv = createSchemaAjv();
    const problems: { line: number; what: string; errors?: unknown }[] = [];
    for (const { line, text } of blocks) {
      const doc: unknown = parse(text);
      if (doc === null) continue; // the modeline on its own
      if (typeof doc !== 'object' || Array.isArray(doc)) {
        problems.push({ line, what: 'not a mapping' });
        continue;
      }
      const record = doc as Record<string, unknown>;
      if (isEventScript(record)) continue; // the simulator's format, checked by its own parser
      const parts: [string, unknown][] =
        'apiVersion' in record && 'steps' in record
          ? [['', record]]
          : Object.entries(record).map(([key, value]) => [pointerFor(key), value]);
      for (const [pointer, value] of parts) {
        const validate = ajv.getSchema(`${schemaId(SOP_SCHEMA)}#${pointer}`);
        if (!validate) throw new Error(`no schema at ${pointer}`);
        if (!validate(value)) problems.push({ line, what: pointer || 'whole SOP', errors: validate.errors });
      }
    }
    expect(problems).toEqual([]);
  });

  it('has an event script example in the documented shape', () => {
    const scripts = blocks
      .map(({ text }): unknown => parse(text))
      .filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null && isEventScript(d));
    expect(scripts).toHaveLength(1);
    const [script] = scripts;
    expect(Number.isNaN(Date.parse(String(script!.start)))).toBe(false);
    expect(typeof script!.input).toBe('object');
    for (const entry of script!.events as Record<string, unknown>[]) {
      const isAdvance = Object.keys(entry).join() === 'advance';
      const isEvent = ['at', 'event', 'as'].every((k) => typeof entry[k] === 'string');
      expect({ entry, ok: isAdvance || isEvent }).toEqual({ entry, ok: true });
    }
  });

  it('has a section for every step kind', () => {
    const missing = STEP_KINDS.filter((kind) => !DOC_TEXT.includes(`### \`${kind}\``));
    expect(missing).toEqual([]);
  });

  it('names every built-in participant reference, task status and top-level key', () => {
    const words = [...BUILTIN_PARTICIPANT_REFS, ...TASK_STATUSES, ...TOP_LEVEL];
    expect(words.filter((word) => !DOC_TEXT.includes(`\`${word}\``))).toEqual([]);
  });
});
