import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
const BUILT_MAIN = join(ROOT, 'dist', 'cli', 'main.js');
const LOCK = join(ROOT, 'dist', '.build-lock');

/** Newest modification time of the sources `npm run build` compiles (cli/ and everything it imports). */
function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function isStale(): boolean {
  let built: number;
  try {
    built = statSync(BUILT_MAIN).mtimeMs;
  } catch {
    return true;
  }
  const sources = ['engine', 'cli', 'audit', join('api', 'auth')].map((dir) =>
    newestSourceTime(join(ROOT, dir)),
  );
  return built < Math.max(...sources);
}

const STALE_LOCK_MS = 300_000;

/** When the build lock was taken (now, when there is none). */
function lockTime(): number {
  try {
    return statSync(LOCK).mtimeMs;
  } catch {
    return Date.now();
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds `dist/` with `npm run build` when it is missing or older than the sources, so the tests
 * run the real `bin/sop.js`. A fresh clone has it already (`npm install` runs `prepare`). Test
 * files run in parallel workers: a lock directory lets one of them build while the others wait.
 */
export function ensureCliBuilt(): void {
  if (!isStale()) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock left behind by a killed test run is older than any real build takes.
      if (Date.now() - lockTime() > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${LOCK}; remove it if no build is running`);
      }
      sleep(200);
    }
  }
  try {
    if (isStale()) {
      try {
        execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
      } catch (error) {
        const output = (error as { stdout?: string }).stdout ?? String(error);
        throw new Error(`npm run build failed:\n${output}`);
      }
    }
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface SopRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node bin/sop.js …args` from the repository root.
 *
 * @example
 * const { status, stdout } = runSop(['validate', 'sop-definitions/new-product-launch.yaml']);
 */
export function runSop(args: readonly string[], cwd: string = ROOT): SopRun {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'sop.js'), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The shipped YAML files, as the shell expands `sop-definitions/*.yaml` (sorted, relative). */
export function shippedYamlFiles(): string[] {
  return readdirSync(join(ROOT, 'sop-definitions'))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => `sop-definitions/${name}`);
}
