/**
 * The SOPs the API can start projects of: every SOP file of a folder, validated and compiled.
 * A kickoff pins the compiled SOP (its hash and version) into the workflow input, so editing a
 * file never changes a running project; after `reload()` new projects get the edited version.
 */
import type { CompiledSop } from '../engine/model/compiled';
import type { OrgDirectory } from '../engine/model/org';
import { hasErrors, type Problem } from '../engine/model/problem';
import { compareSemver } from './semver';
import { readSopFolder } from './sop-folder';

/** One version of one SOP, ready to start projects of. */
export interface CatalogueEntry {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  /** sha256 of the compiled definition: what a project is pinned to. */
  readonly hash: string;
  readonly file: string;
  readonly compiled: CompiledSop;
}

interface Contents {
  /** SOP id → its versions, newest first. */
  readonly byId: ReadonlyMap<string, readonly CatalogueEntry[]>;
  readonly org?: OrgDirectory;
  readonly problems: readonly Problem[];
}

function catalogueProblem(file: string, code: string, message: string, hint: string): Problem {
  return { code, severity: 'warning', file, line: 1, column: 1, path: '/version', message, hint };
}

/** Groups the folder's SOPs by id, newest first; a second file with the same id and version is left out. */
function buildContents(dir: string, previous: Contents | undefined): Contents {
  const folder = readSopFolder(dir);
  const problems = [...folder.problems];
  const byId = new Map<string, CatalogueEntry[]>();
  for (const { file, compiled } of folder.sops) {
    const versions = byId.get(compiled.sopId) ?? [];
    const twin = versions.find((e) => e.version === compiled.version);
    if (twin) {
      problems.push({
        ...catalogueProblem(
          file,
          'DUPLICATE_SOP_VERSION',
          `SOP '${compiled.sopId}' version ${compiled.version} is also defined in ${twin.file}; this file is left out`,
          'give each file its own version (raise `version:`) or delete the copy',
        ),
        severity: 'error',
      });
      continue;
    }
    const before = previous?.byId.get(compiled.sopId)?.find((e) => e.version === compiled.version);
    if (before && before.hash !== compiled.hash) {
      problems.push(
        catalogueProblem(
          file,
          'VERSION_NOT_RAISED',
          `SOP '${compiled.sopId}' changed but still says version ${compiled.version}; new projects get the changed definition under the old version number`,
          'raise `version:` whenever the SOP changes, so projects and reports can tell the definitions apart',
        ),
      );
    }
    const entry = {
      id: compiled.sopId,
      version: compiled.version,
      title: compiled.title,
      hash: compiled.hash,
      file,
      compiled,
    };
    byId.set(
      compiled.sopId,
      [...versions, entry].sort((a, b) => compareSemver(b.version, a.version)),
    );
  }
  return { byId, ...(folder.org ? { org: folder.org } : {}), problems };
}

/**
 * The SOPs of one folder. Reads happen at construction and on `reload()` only; lookups are
 * in memory. A reload swaps the whole contents at once, so a request sees one state or the other.
 *
 * @example
 * const catalogue = loadSopCatalogue('sop-definitions');
 * catalogue.get('new-product-launch')?.version; // '1.0.0' (the latest)
 */
export class SopCatalogue {
  private contents: Contents;

  constructor(readonly dir: string) {
    this.contents = buildContents(dir, undefined);
  }

  /**
   * The SOP `id` at `version`, or at its latest version (by semver) when none is given.
   *
   * @example
   * catalogue.get('new-product-launch', '1.0.0')?.hash;
   */
  get(id: string, version?: string): CatalogueEntry | undefined {
    const versions = this.contents.byId.get(id);
    return version === undefined ? versions?.[0] : versions?.find((e) => e.version === version);
  }

  /** Every SOP version, by id, newest version first. */
  list(): CatalogueEntry[] {
    return [...this.contents.byId.keys()].sort().flatMap((id) => this.contents.byId.get(id) ?? []);
  }

  /** The versions of one SOP, newest first (empty when the id is unknown). */
  versions(id: string): string[] {
    return (this.contents.byId.get(id) ?? []).map((e) => e.version);
  }

  /** The folder's org directory, when `org.yaml` exists and is valid. */
  get org(): OrgDirectory | undefined {
    return this.contents.org;
  }

  /** Problems found by the last (re)load: files with errors are not in the catalogue. */
  get problems(): readonly Problem[] {
    return this.contents.problems;
  }

  /** Files left out of the catalogue because of errors. */
  leftOut(): string[] {
    const files = new Set(this.contents.problems.map((p) => p.file));
    return [...files].filter((f) => hasErrors(this.contents.problems.filter((p) => p.file === f))).sort();
  }

  /**
   * Reads the folder again. New kickoffs see the new contents; running projects keep the
   * definition they were started with. Returns the problems of this load.
   *
   * @example
   * const problems = catalogue.reload();
   * if (hasErrors(problems)) console.warn(problems.map(formatProblem).join('\n'));
   */
  reload(): readonly Problem[] {
    this.contents = buildContents(this.dir, this.contents);
    return this.contents.problems;
  }
}

/**
 * Loads every SOP of a folder (with its `org.yaml` and `calendars/`), validated and compiled.
 * A file with errors is left out and listed in `problems`; loading never fails because of one.
 *
 * @example
 * const catalogue = loadSopCatalogue();
 * for (const p of catalogue.problems) console.warn(formatProblem(p));
 * catalogue.list().map((e) => `${e.id}@${e.version}`); // ['change-request-approval@1.0.0', …]
 */
export function loadSopCatalogue(dir = 'sop-definitions'): SopCatalogue {
  return new SopCatalogue(dir);
}
