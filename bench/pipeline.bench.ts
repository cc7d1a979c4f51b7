/**
 * Pipeline benchmark (`npm run bench`): for every shipped SOP and a generated 500-step SOP,
 * the median time of the full pipeline (YAML text → load → validate → compile) next to a bare
 * ajv validation of the same, already parsed document against `engine/schema/sop.schema.json`.
 * Goal: the pipeline within 10× of bare ajv. See bench/README.md.
 */
import { cpus, totalmem } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse, parseDocument } from 'yaml';
import { compileSop } from '../engine/compiler';
import { loadCalendarsFromDir, loadOrgDirectory, loadSopText } from '../engine/loader';
import { hasErrors, formatProblem } from '../engine/model/problem';
import type { SopDocument } from '../engine/model/sop';
import sopSchema from '../engine/schema/sop.schema.json';
import { checkSopText } from '../engine/validator';
import { generateLargeSopYaml } from './generate-large-sop';
import { measure, type Measurement } from './measure';

const ROOT = join(__dirname, '..');
const SOP_DIR = join(ROOT, 'sop-definitions');
const GOAL_RATIO = 10;

interface Subject {
  readonly name: string;
  readonly file: string;
  readonly text: string;
}

function listSubjects(): Subject[] {
  const shipped = readdirSync(SOP_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ name, file: join(SOP_DIR, name), text: readFileSync(join(SOP_DIR, name), 'utf8') }))
    .filter((s) => /^apiVersion:/m.test(s.text));
  // The generated SOP is checked as if it sat in sop-definitions/, next to org.yaml and calendars/.
  const large = {
    name: 'generated 500 steps',
    file: join(SOP_DIR, 'generated-large.yaml'),
    text: generateLargeSopYaml(500),
  };
  return [...shipped, large];
}

function countSteps(doc: SopDocument): number {
  let count = 0;
  const visit = (steps: SopDocument['steps']) => {
    for (const step of Object.values(steps)) {
      count += 1;
      if (step.kind === 'parallel') for (const region of Object.values(step.regions)) visit(region.steps);
    }
  };
  visit(doc.steps);
  return count;
}

/** Milliseconds with three significant digits or so. */
const format = (ms: number) => (ms >= 10 ? ms.toFixed(1) : ms >= 0.1 ? ms.toFixed(2) : ms.toFixed(4));

function main(): void {
  const { org, problems: orgProblems } = loadOrgDirectory(join(SOP_DIR, 'org.yaml'));
  if (!org) throw new Error(`org.yaml does not load:\n${orgProblems.map(formatProblem).join('\n')}`);
  const calendars = loadCalendarsFromDir(join(SOP_DIR, 'calendars'));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validateSchema = ajv.compile(sopSchema);

  const rows: string[] = [];
  let worst = 0;
  for (const subject of listSubjects()) {
    const parsed = parse(subject.text) as SopDocument;
    // Check once outside the timing: a benchmark of a failing pipeline would measure nothing useful.
    const first = checkSopText(subject.text, subject.file, { org, calendars });
    if (hasErrors(first.problems) || !first.document) {
      throw new Error(`${subject.name} does not validate:\n${first.problems.map(formatProblem).join('\n')}`);
    }
    if (!validateSchema(parsed)) throw new Error(`${subject.name} fails the bare schema check`);
    const document = first.document;

    const pipeline = measure(() => {
      const checked = checkSopText(subject.text, subject.file, { org, calendars });
      return compileSop(checked.document!, { calendars });
    });
    const bare = measure(() => validateSchema(parsed));
    // Break-down, to see where the pipeline's time goes. Validation is measured on fresh loads
    // (load+validate minus load): the loaded document builds its source map lazily, so validating
    // the same loaded document again would look cheaper than it is.
    const load = measure(() => loadSopText(subject.text, subject.file));
    const check = measure(() => checkSopText(subject.text, subject.file, { org, calendars }));
    const compile = measure(() => compileSop(document, { calendars }));
    const yaml = measure(() => parseDocument(subject.text).toJS());

    const ratio = pipeline.medianMs / bare.medianMs;
    const validateMs = Math.max(0, check.medianMs - load.medianMs);
    const afterLoad = (validateMs + compile.medianMs) / bare.medianMs;
    worst = Math.max(worst, ratio);
    const cell = (m: Measurement) => format(m.medianMs);
    rows.push(
      `| ${subject.name} | ${countSteps(parsed)} | ${(subject.text.length / 1024).toFixed(1)} | ` +
        `${cell(pipeline)} | ${cell(bare)} | **${ratio.toFixed(0)}×** | ` +
        `${cell(load)} | ${format(validateMs)} | ${cell(compile)} | ${afterLoad.toFixed(0)}× | ${cell(yaml)} |`,
    );
    process.stderr.write(`measured ${subject.name}\n`);
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  console.log('Median CPU time of one call, in milliseconds.\n');
  console.log(
    '| SOP | steps | YAML KiB | pipeline: load+validate+compile | bare ajv | ratio | load | validate | compile | ' +
      '(validate+compile) ÷ ajv | bare YAML parse+toJS |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  const verdict = worst <= GOAL_RATIO ? 'met' : 'missed';
  console.log(
    `\nGoal (pipeline within ${GOAL_RATIO}× of bare ajv): ${verdict}; worst ratio ${worst.toFixed(1)}×.`,
  );
}

main();
