/**
 * Where our workflow's CPU goes, outside Temporal: the engine work `workflows/sop-project.ts`
 * does for one project of the benchmark path, piece by piece, next to the hand-written
 * workflow's only real work (its validator). Run it with `npx tsx bench/workflow/engine-cost.ts`.
 * Numbers are medians over many projects on this process's main thread (the worker runs the
 * same code in its workflow thread).
 */
import { performance } from 'node:perf_hooks';
import { ProjectDriver } from '../../engine/runtime/driver';
import { checkFormData } from '../../engine/runtime/form-data';
import type { SopEvent } from '../../engine/runtime/context';
import type { ProjectArgs } from '../../workflows/messages';
import { buildProjectView } from '../../workflows/project-view';
import { searchAttributeUpdates } from '../../workflows/search-attribute-updates';
import { refusalOf } from './change-request-rules';
import { kickoffArgs, SEND_BACK_PATH } from './scenario';
import { percentile } from './stats';

const ROUNDS = 300;

type Pieces = Record<string, number>;

function timed<T>(pieces: Pieces, name: string, fn: () => T): T {
  const began = performance.now();
  const result = fn();
  pieces[name] = (pieces[name] ?? 0) + performance.now() - began;
  return result;
}

/** One project as our workflow runs it: every engine call it makes on the path, timed by kind. */
function oursOnce(encodedArgs: string, pieces: Pieces): void {
  // Each project decodes its own copy of the arguments, so nothing is cached across projects.
  const args = timed(
    pieces,
    'decode arguments (JSON.parse, ~21 KB)',
    () => JSON.parse(encodedArgs) as ProjectArgs,
  );
  const { compiled, start } = args;
  timed(pieces, 'check kickoff input (checkFormData)', () =>
    checkFormData(compiled.document.input!.schema, start.input),
  );
  const driver = timed(pieces, 'create driver (createSopMachine)', () => new ProjectDriver(compiled));
  let now = Date.parse('2026-12-01T02:00:00Z');
  timed(pieces, 'start the machine', () => driver.start({ ...start, startedAt: now }));
  const publish = () =>
    timed(pieces, 'search attributes (view + stringify), all loop turns', () =>
      JSON.stringify(
        searchAttributeUpdates(
          compiled,
          buildProjectView(compiled, driver.snapshot, driver.pending()),
          start,
        ),
      ),
    );
  publish();
  for (const action of SEND_BACK_PATH) {
    now += 3_600_000;
    const event = { ...action.request, at: now } as SopEvent;
    const refusal = timed(pieces, 'validator (driver.explain)', () => driver.explain(event));
    if (action.refused) continue;
    if (refusal) throw new Error(`refused: ${refusal.message}`);
    timed(pieces, 'update handler (driver.send: explain again + transition)', () => driver.send(event));
    // The loop turns at least twice per action: on the update, then after the notifications.
    publish();
    publish();
    if (action.query)
      timed(pieces, 'state query (buildProjectView)', () =>
        buildProjectView(compiled, driver.snapshot, driver.pending()),
      );
  }
}

/** The hand-written workflow's validator over the same path (its other work is a few assignments). */
function handWrittenOnce(pieces: Pieces): void {
  const steps = [
    'request',
    'majorHeadApproval',
    'majorHeadApproval',
    'revise',
    'request',
    'majorHeadApproval',
    'ctoApproval',
  ] as const;
  const assignees = ['zhou.jie', 'zhao.lei', 'zhao.lei', 'zhou.jie', 'zhou.jie', 'zhao.lei', 'chen.hao'];
  SEND_BACK_PATH.forEach((action, i) => {
    timed(pieces, 'validator (refusalOf)', () =>
      refusalOf({ step: steps[i]!, assignees: [assignees[i]!] }, 'zhou.jie', false, action.request),
    );
  });
}

function medians(run: (pieces: Pieces) => void): [string, number][] {
  const samples: Record<string, number[]> = {};
  for (let i = 0; i < ROUNDS; i++) {
    const pieces: Pieces = {};
    run(pieces);
    pieces['total per project'] = Object.values(pieces).reduce((a, b) => a + b, 0);
    for (const [name, ms] of Object.entries(pieces)) (samples[name] ??= []).push(ms);
  }
  return Object.entries(samples).map(([name, values]) => [name, percentile(values, 50)]);
}

function main(): void {
  const args = kickoffArgs();
  const shipped = JSON.stringify(args.ours);
  const wallClock = JSON.stringify(args.oursWallClock);
  for (const [title, rows] of [
    ['ours (shipped SOP, working-time deadlines)', medians((pieces) => oursOnce(shipped, pieces))],
    ['ours (wall-clock deadlines)', medians((pieces) => oursOnce(wallClock, pieces))],
    ['hand-written', medians(handWrittenOnce)],
  ] as const) {
    console.log(`\n${title}: median ms per project over ${ROUNDS} projects`);
    for (const [name, ms] of rows) console.log(`  ${ms.toFixed(3).padStart(8)}  ${name}`);
  }
}

main();
