import { basename } from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';

/** What a YAML file handed to `sop validate` is. */
export type YamlFileKind = 'sop' | 'org' | 'calendar' | 'unknown';

/**
 * Tells SOP files from the org directory and calendar files by their top-level keys: an SOP has
 * `apiVersion`, the org directory `departments` / `users`, a calendar `workingHours`. A file too
 * broken to tell is treated as an SOP (or as the org directory when it is named `org.yaml`), so
 * the validator reports its syntax errors with positions.
 *
 * @example
 * detectFileKind('apiVersion: sop/v1\nid: x\n', 'x.yaml'); // => 'sop'
 * detectFileKind('departments: []\nusers: []\n', 'org.yaml'); // => 'org'
 */
export function detectFileKind(text: string, path: string): YamlFileKind {
  // Only the top-level keys are read; the YAML parser keeps what it could read around errors.
  const doc = parseDocument(text, { prettyErrors: false });
  const keys = new Set<string>();
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) if (isScalar(item.key)) keys.add(String(item.key.value));
  }
  if (keys.has('apiVersion')) return 'sop';
  if (keys.has('departments') || keys.has('users')) return 'org';
  if (keys.has('workingHours')) return 'calendar';
  if (doc.errors.length > 0 || keys.size === 0) return basename(path) === 'org.yaml' ? 'org' : 'sop';
  return 'unknown';
}
