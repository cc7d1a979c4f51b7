import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadOrgDirectory } from '../engine/loader';
import { CalendarFileError, loadCalendarsFromDir } from '../engine/loader/calendar-file';
import type { BusinessCalendar } from '../engine/model/calendar';
import type { OrgDirectory } from '../engine/model/org';
import type { Problem } from '../engine/model/problem';
import { assertDirectory, assertFiles } from './input-files';

/** The `--org` and `--calendars` options every command that reads SOPs accepts. */
export interface ContextOptions {
  readonly org?: string;
  readonly calendars?: string;
}

/** What an SOP is checked against: the org directory and the business calendars. */
export interface SopContext {
  readonly org?: OrgDirectory;
  readonly calendars?: Map<string, BusinessCalendar>;
  /** Where they came from (absent when the SOP's folder has none). */
  readonly orgFile?: string;
  readonly calendarsDir?: string;
  /** Problems of the org file and calendar files themselves. */
  readonly problems: readonly Problem[];
}

/**
 * Adds `--org <file>` and `--calendars <dir>` to a command.
 *
 * @example
 * addContextOptions(program.command('compile').argument('<file>'));
 */
export function addContextOptions(command: Command): Command {
  return command
    .option('--org <file>', 'org directory file (default: org.yaml next to the SOP file, if there is one)')
    .option(
      '--calendars <dir>',
      'folder of business calendar files (default: calendars/ next to the SOP file)',
    );
}

/**
 * Finds and loads the org directory and calendars for SOP files, once per file or folder:
 * `--org` / `--calendars` when given, otherwise `org.yaml` and `calendars/` in the SOP file's
 * own folder (so `sop validate sop-definitions/*.yaml` needs no options). Missing defaults are
 * fine (those checks are skipped); a missing explicit path is a usage error.
 *
 * @example
 * const contexts = new SopContextLoader({});
 * const { org, calendars } = contexts.forFile('sop-definitions/new-product-launch.yaml');
 */
export class SopContextLoader {
  private readonly orgs = new Map<string, { org?: OrgDirectory; problems: Problem[] }>();
  private readonly calendarDirs = new Map<
    string,
    { calendars?: Map<string, BusinessCalendar>; problems: Problem[] }
  >();

  constructor(private readonly options: ContextOptions) {
    if (options.org !== undefined) assertFiles([options.org], '--org file');
    if (options.calendars !== undefined) assertDirectory(options.calendars, '--calendars directory');
  }

  /** The org file an SOP file is checked against, if any. */
  orgFileFor(sopFile: string): string | undefined {
    if (this.options.org !== undefined) return this.options.org;
    const candidate = join(dirname(sopFile), 'org.yaml');
    return existsSync(candidate) ? candidate : undefined;
  }

  forFile(sopFile: string): SopContext {
    const orgFile = this.orgFileFor(sopFile);
    const calendarsDir = this.calendarsDirFor(sopFile);
    const org = orgFile === undefined ? undefined : this.loadOrg(orgFile);
    const calendars = calendarsDir === undefined ? undefined : this.loadCalendars(calendarsDir);
    return {
      ...(org?.org ? { org: org.org } : {}),
      ...(calendars?.calendars ? { calendars: calendars.calendars } : {}),
      ...(orgFile !== undefined ? { orgFile } : {}),
      ...(calendarsDir !== undefined ? { calendarsDir } : {}),
      problems: [...(org?.problems ?? []), ...(calendars?.problems ?? [])],
    };
  }

  private calendarsDirFor(sopFile: string): string | undefined {
    if (this.options.calendars !== undefined) return this.options.calendars;
    const candidate = join(dirname(sopFile), 'calendars');
    return existsSync(candidate) && statSync(candidate).isDirectory() ? candidate : undefined;
  }

  private loadOrg(file: string): { org?: OrgDirectory; problems: Problem[] } {
    const key = resolve(file);
    const cached = this.orgs.get(key);
    if (cached) return cached;
    const loaded = loadOrgDirectory(file);
    this.orgs.set(key, loaded);
    return loaded;
  }

  private loadCalendars(dir: string): { calendars?: Map<string, BusinessCalendar>; problems: Problem[] } {
    const key = resolve(dir);
    const cached = this.calendarDirs.get(key);
    if (cached) return cached;
    let loaded: { calendars?: Map<string, BusinessCalendar>; problems: Problem[] };
    try {
      loaded = { calendars: loadCalendarsFromDir(dir), problems: [] };
    } catch (error) {
      if (!(error instanceof CalendarFileError)) throw error;
      loaded = { problems: [...error.problems] };
    }
    this.calendarDirs.set(key, loaded);
    return loaded;
  }
}
