import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toMermaid } from '../../engine/diagram';
import { checkSopFile } from '../../engine/validator';
import { writeSeveralProblems } from './support/several-problems';
import { ensureCliBuilt, ROOT, runSop } from './support/run-sop';

const LAUNCH = 'sop-definitions/new-product-launch.yaml';
let dir = '';

beforeAll(() => {
  ensureCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'sop-graph-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sop graph', () => {
  it('prints the Mermaid diagram of the validated SOP', () => {
    const run = runSop(['graph', LAUNCH]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { document } = checkSopFile(join(ROOT, LAUNCH));
    expect(run.stdout).toBe(toMermaid(document!));
    expect(run.stdout).toContain('stateDiagram-v2');
    expect(run.stdout).toContain('state "需求发起" as requirement');
    expect(run.stdout).toContain('requirement --> breakdown : submit');
  });

  it('writes the diagram to --out instead of stdout', () => {
    const out = join(dir, 'launch.mmd');
    const run = runSop(['graph', LAUNCH, '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('[*] --> requirement');
  });

  it('prints problems instead of a diagram for an invalid SOP, status 1', () => {
    const run = runSop(['graph', writeSeveralProblems(dir), '--org', 'sop-definitions/org.yaml']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/several-problems\.yaml:\d+:\d+: error: /);
  });

  it('exits 2 when the file does not exist', () => {
    const run = runSop(['graph', 'sop-definitions/nope.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('SOP file not found: sop-definitions/nope.yaml');
  });
});
