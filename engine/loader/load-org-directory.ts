import type { OrgDirectory } from '../model/org';
import type { Problem } from '../model/problem';
import { createReporter } from '../validator/reporter';
import { explainSchemaErrors } from '../validator/schema/explain-schema-errors';
import { getSchemaValidator } from '../validator/schema/schema-registry';
import { loadYamlText, sortByPosition, type LoadLimits } from './load-yaml-text';
import { checkOrgIntegrity } from './org-integrity';
import { readTextFile } from './read-text-file';

/** The org directory, when it is usable, and every problem found in its file. */
export interface LoadedOrgDirectory {
  /** Present only when there are no errors. */
  readonly org?: OrgDirectory;
  readonly problems: Problem[];
}

/**
 * Reads the org directory (`sop-definitions/org.yaml`): YAML with positions, then the
 * `engine/schema/org.schema.json` check, then integrity (heads, managers, departments and
 * roles that exist; no manager loops). Problems are reported with line and column, never thrown.
 *
 * @example
 * ```ts
 * const { org, problems } = loadOrgDirectory('sop-definitions/org.yaml');
 * org?.departments.map((d) => d.id); // ['management', 'rnd', 'marketing', …]
 * ```
 */
export function loadOrgDirectory(path: string, limits?: LoadLimits): LoadedOrgDirectory {
  const read = readTextFile(path, limits?.maxBytes);
  if ('problem' in read) return { problems: [read.problem] };
  return loadOrgDirectoryText(read.text, path, limits);
}

/**
 * {@link loadOrgDirectory} for text already in memory.
 *
 * @example
 * ```ts
 * loadOrgDirectoryText('departments: []\nusers: []\nroles: {}\n', 'org.yaml').org; // { departments: [], users: [], roles: {} }
 * ```
 */
export function loadOrgDirectoryText(text: string, file: string, limits?: LoadLimits): LoadedOrgDirectory {
  const loaded = loadYamlText(text, file, limits);
  const problems = [...loaded.problems];
  if (loaded.document === undefined) return { problems };
  const report = createReporter(loaded, problems);
  const validate = getSchemaValidator('org');
  if (!validate(loaded.document)) {
    explainSchemaErrors(validate.errors ?? [], {
      schema: 'org',
      data: loaded.document,
      whole: 'the org directory',
      report,
    });
    return { problems: sortByPosition(problems) };
  }
  // Only a document that matches the schema is safe to read as an OrgDirectory.
  if (problems.some((p) => p.severity === 'error')) return { problems: sortByPosition(problems) };
  const org = loaded.document as OrgDirectory;
  checkOrgIntegrity(org, report);
  const sorted = sortByPosition(problems);
  return sorted.some((p) => p.severity === 'error') ? { problems: sorted } : { org, problems: sorted };
}
