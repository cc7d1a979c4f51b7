import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { generateLargeSop, generateLargeSopYaml } from '../../bench/generate-large-sop';
import { compileSop } from '../../engine/compiler';
import { loadOrgDirectory } from '../../engine/loader';
import { loadCalendarsFromDir } from '../../engine/loader/calendar-file';
import { formatProblem } from '../../engine/model/problem';
import type { SopDocument } from '../../engine/model/sop';
import sopSchema from '../../engine/schema/sop.schema.json';
import { checkSopText } from '../../engine/validator';

const SOP_DIR = join(__dirname, '..', '..', 'sop-definitions');

describe('generateLargeSop', () => {
  const text = generateLargeSopYaml(500);
  const doc = parse(text) as SopDocument;

  it('has exactly the requested number of steps, every kind that carries work among them', () => {
    expect(Object.keys(doc.steps)).toHaveLength(500);
    const kinds = new Set(Object.values(doc.steps).map((s) => s.kind));
    expect([...kinds].sort()).toEqual(['approval', 'choice', 'final', 'form', 'notify', 'tasks', 'wait']);
  });

  it('is deterministic', () => {
    expect(generateLargeSopYaml(500)).toBe(text);
    expect(generateLargeSop(60)).toEqual(generateLargeSop(60));
  });

  it('passes the JSON Schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(sopSchema);
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
  });

  it('validates without errors and compiles', () => {
    const calendars = loadCalendarsFromDir(join(SOP_DIR, 'calendars'));
    const { org } = loadOrgDirectory(join(SOP_DIR, 'org.yaml'));
    const checked = checkSopText(text, join(SOP_DIR, 'generated-large.yaml'), { org, calendars });
    const errors = checked.problems.filter((p) => p.severity === 'error').map(formatProblem);
    expect(errors).toEqual([]);
    const compiled = compileSop(checked.document!, { calendars });
    expect(compiled.steps).toHaveLength(500);
    expect(Object.keys(compiled.machine.states as object)).toHaveLength(500);
  });

  it('refuses a step count too small for its cycle of kinds', () => {
    expect(() => generateLargeSop(3)).toThrow(/at least 8/);
  });
});
