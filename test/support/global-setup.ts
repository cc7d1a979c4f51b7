import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundleWorkflows } from '../../server/worker';
import { BUNDLE_PATH } from './workflow-bundle';

/** Bundles the workflow code once for the whole test run (it takes a few seconds). */
export default async function globalSetup(): Promise<void> {
  const bundle = await bundleWorkflows();
  mkdirSync(dirname(BUNDLE_PATH), { recursive: true });
  writeFileSync(BUNDLE_PATH, bundle.code);
}
