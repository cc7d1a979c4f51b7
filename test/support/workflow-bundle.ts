import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DefaultLogger, Runtime } from '@temporalio/worker';

/** Written once per `jest` run by global-setup.ts, so no test file pays for bundling again. */
export const BUNDLE_PATH = join(__dirname, '..', '..', '.temporal', 'test-workflow-bundle.js');

export function sharedWorkflowBundle(): { codePath: string } {
  if (!existsSync(BUNDLE_PATH))
    throw new Error(`[NO_BUNDLE] ${BUNDLE_PATH} is missing: run the tests through jest (global setup)`);
  return { codePath: BUNDLE_PATH };
}

export type { WorkflowBundleWithSourceMap };

let installed = false;
/** Quiets the SDK's logger (warnings and errors only), once per test file. */
export function quietTemporalRuntime(): void {
  if (installed) return;
  installed = true;
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'WARN' } } },
  });
}
