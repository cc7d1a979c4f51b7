import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { CompileError, compileSop } from '../engine/compiler';
import { loadOrgDirectory } from '../engine/loader';
import { CalendarFileError, loadCalendarsFromDir } from '../engine/loader/calendar-file';
import type { BusinessCalendar } from '../engine/model/calendar';
import type { CompiledSop } from '../engine/model/compiled';
import type { OrgDirectory } from '../engine/model/org';
import type { Problem } from '../engine/model/problem';
import { checkSopFile } from '../engine/validator';

/** The org directory's file name inside an SOP folder; every other YAML file there is an SOP. */
export const ORG_FILE = 'org.yaml';
const CALENDARS_DIR = 'calendars';
const YAML_EXTENSIONS = ['.yaml', '.yml'];

/** One SOP file that validated and compiled. */
export interface FolderSop {
  readonly file: string;
  readonly compiled: CompiledSop;
}

/** Everything read from an SOP folder in one pass. */
export interface SopFolder {
  readonly sops: readonly FolderSop[];
  readonly org?: OrgDirectory;
  /** Problems of every file (errors and warnings); a file with an error is not among `sops`. */
  readonly problems: readonly Problem[];
}

function folderProblem(file: string, code: string, message: string, hint: string): Problem {
  return { code, severity: 'error', file, line: 1, column: 1, path: '', message, hint };
}

export function readCalendars(dir: string, problems: Problem[]): Map<string, BusinessCalendar> | undefined {
  if (!existsSync(dir)) return undefined;
  try {
    return loadCalendarsFromDir(dir);
  } catch (error) {
    if (!(error instanceof CalendarFileError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

function listSopFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => YAML_EXTENSIONS.includes(extname(name)) && name !== ORG_FILE)
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile())
    .sort();
}

/**
 * Reads an SOP folder: `org.yaml`, `calendars/*.yaml`, then every other `*.yaml`/`*.yml` file,
 * validated against that org and those calendars and compiled. Never throws for a bad file: its
 * problems are returned and the file is left out, so one broken SOP cannot stop the API.
 *
 * @example
 * const { sops, problems } = readSopFolder('sop-definitions');
 * sops.map((s) => s.compiled.sopId); // ['change-request-approval', 'incident-response', …]
 */
export function readSopFolder(dir: string): SopFolder {
  const problems: Problem[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const hint = 'point the API at the folder that holds the SOP YAML files (default: sop-definitions)';
    problems.push(folderProblem(dir, 'SOP_FOLDER_MISSING', 'the SOP folder does not exist', hint));
    return { sops: [], problems };
  }
  const orgFile = join(dir, ORG_FILE);
  const loadedOrg = existsSync(orgFile) ? loadOrgDirectory(orgFile) : undefined;
  problems.push(...(loadedOrg?.problems ?? []));
  const org = loadedOrg?.org;
  const calendars = readCalendars(join(dir, CALENDARS_DIR), problems);
  const sops: FolderSop[] = [];
  for (const file of listSopFiles(dir)) {
    const checked = checkSopFile(file, { ...(org ? { org } : {}), ...(calendars ? { calendars } : {}) });
    problems.push(...checked.problems);
    if (!checked.document) continue;
    try {
      sops.push({ file, compiled: compileSop(checked.document, calendars ? { calendars } : {}) });
    } catch (error) {
      if (!(error instanceof CompileError)) throw error;
      problems.push(
        folderProblem(file, error.code, error.message, 'fix the file, then reload the catalogue'),
      );
    }
  }
  return { sops, ...(org ? { org } : {}), problems };
}
