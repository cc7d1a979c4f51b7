import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCliBuilt, ROOT, runSop } from './support/run-sop';

beforeAll(() => ensureCliBuilt());

describe('sop', () => {
  it('prints its version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = runSop(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('lists every command in --help', () => {
    const run = runSop(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: sop /);
    for (const command of ['validate', 'compile', 'graph', 'simulate']) expect(run.stdout).toContain(command);
  });

  it.each(['validate', 'compile', 'graph', 'simulate'])('has --help for %s', (command) => {
    const run = runSop([command, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: sop ${command} `));
  });

  it('exits 2 for an unknown command, naming it', () => {
    const run = runSop(['valdate', 'x.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown command 'valdate'");
    expect(run.stderr).toContain('validate');
  });

  it('exits 2 with help when no command is given', () => {
    const run = runSop([]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: sop');
  });

  it('exits 2 for a missing argument or unknown option', () => {
    expect(runSop(['validate']).status).toBe(2);
    const unknown = runSop(['graph', 'sop-definitions/new-product-launch.yaml', '--colour']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--colour'");
  });
});
