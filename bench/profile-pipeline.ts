/**
 * Runs the full pipeline (load → validate → compile) on the generated 500-step SOP many times,
 * for a CPU profile of where the time goes:
 *
 *   node --cpu-prof --cpu-prof-dir=bench/results --import tsx bench/profile-pipeline.ts [runs]
 *
 * then open the `.cpuprofile` in Chrome DevTools (Performance) or VS Code. See bench/README.md.
 */
import { join } from 'node:path';
import { compileSop } from '../engine/compiler';
import { loadCalendarsFromDir, loadOrgDirectory } from '../engine/loader';
import { checkSopText } from '../engine/validator';
import { generateLargeSopYaml } from './generate-large-sop';

const SOP_DIR = join(__dirname, '..', 'sop-definitions');

function main(runs: number): void {
  const { org } = loadOrgDirectory(join(SOP_DIR, 'org.yaml'));
  const calendars = loadCalendarsFromDir(join(SOP_DIR, 'calendars'));
  const text = generateLargeSopYaml(500);
  const file = join(SOP_DIR, 'generated-large.yaml');
  const start = performance.now();
  for (let i = 0; i < runs; i += 1) {
    const checked = checkSopText(text, file, { org, calendars });
    if (!checked.document) throw new Error('the generated SOP does not validate; run the bench tests');
    compileSop(checked.document, { calendars });
  }
  const perRun = (performance.now() - start) / runs;
  console.log(`${runs} runs of load+validate+compile on 500 steps: ${perRun.toFixed(1)} ms each`);
}

main(Number(process.argv[2] ?? 30));
