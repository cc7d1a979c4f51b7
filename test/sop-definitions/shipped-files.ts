import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The folder of shipped SOPs, the org directory and calendars. */
export const SOP_DEFINITIONS_DIR = join(__dirname, '..', '..', 'sop-definitions');

export const ORG_FILE = join(SOP_DEFINITIONS_DIR, 'org.yaml');

/** Parses a YAML file as plain data (no source positions: these tests check content only). */
export function readYaml(path: string): unknown {
  return parse(readFileSync(path, 'utf8'));
}

/** Every shipped SOP file (`sop-definitions/*.yaml` except the org directory), sorted. */
export function listShippedSopFiles(): string[] {
  return readdirSync(SOP_DEFINITIONS_DIR)
    .filter((name) => name.endsWith('.yaml') && name !== 'org.yaml')
    .sort()
    .map((name) => join(SOP_DEFINITIONS_DIR, name));
}
