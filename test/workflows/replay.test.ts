/**
 * Every recorded project history (test/histories, made by scripts/record-histories.ts) replays
 * against the current workflow code: a change that would break running projects fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { ROOT } from '../support/sop-fixtures';
import { quietTemporalRuntime, sharedWorkflowBundle } from '../support/workflow-bundle';

const HISTORY_DIR = join(ROOT, 'test', 'histories');
const files = readdirSync(HISTORY_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

function loadHistory(file: string) {
  return historyFromJSON(JSON.parse(readFileSync(join(HISTORY_DIR, file), 'utf8')));
}

beforeAll(() => quietTemporalRuntime());

describe('recorded histories', () => {
  it('exist for every shipped SOP', () => {
    expect(files).toEqual([
      'change-request-approval.json',
      'incident-response.json',
      'new-product-launch.json',
    ]);
  });

  it.each(files)('%s replays against the current workflow code', async (file) => {
    await expect(
      Worker.runReplayHistory({ workflowBundle: sharedWorkflowBundle() }, loadHistory(file)),
    ).resolves.toBeUndefined();
  });
});

describe('a changed interpreter', () => {
  const bundle = (name: string) =>
    bundleWorkflowCode({
      workflowsPath: join(__dirname, 'fixtures', name),
      logger: {
        log: () => undefined,
        trace: () => undefined,
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
      },
    });

  it('is caught when it changes what running projects do', async () => {
    const workflowBundle = await bundle('unguarded-change.ts');
    const error = await Worker.runReplayHistory(
      { workflowBundle },
      loadHistory('new-product-launch.json'),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    expect((error as Error).name).toBe('DeterminismViolationError');
  });

  it('replays unchanged when guarded with patched()', async () => {
    const workflowBundle = await bundle('guarded-change.ts');
    await expect(
      Worker.runReplayHistory({ workflowBundle }, loadHistory('new-product-launch.json')),
    ).resolves.toBeUndefined();
  });
});
