/**
 * `sop simulate` and the durable workflow run the same engine: for the same SOP and event script
 * they produce the same effects (notifications and records), with the same ids and recipients, at
 * the same times.
 *
 * The workflow side is read from the recorded histories in test/histories: each was made by
 * playing exactly these scripts against the real workflow on Temporal's time-skipping server
 * (scripts/record-histories.ts), and replay.test.ts proves the current workflow code still
 * produces those histories. Reading them here keeps this comparison deterministic.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { Effect } from '../../engine/runtime/effects';
import { simulateSop } from '../../engine/simulate';
import { loadScenario, SCENARIOS } from '../support/play-script';
import { ROOT, shippedOrg } from '../support/sop-fixtures';

/** The effects the recorded workflow handed to its `deliverEffect` activity, in order. */
function effectsFromHistory(sop: string): Effect[] {
  const json: unknown = JSON.parse(readFileSync(join(ROOT, 'test', 'histories', `${sop}.json`), 'utf8'));
  const history = historyFromJSON(json);
  return (history.events ?? []).flatMap((event) => {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name !== 'deliverEffect') return [];
    const [payload] = scheduled.input?.payloads ?? [];
    return payload ? [defaultPayloadConverter.fromPayload<Effect>(payload)] : [];
  });
}

describe.each(SCENARIOS)('$sop played from $script', ({ sop, script: scriptFile }) => {
  it('gives the same effects in the workflow as in the simulator', () => {
    const fromWorkflow = effectsFromHistory(sop);
    expect(fromWorkflow.length).toBeGreaterThan(5);
    const { compiled, script } = loadScenario(sop, scriptFile);
    // The project started when its first effect (the first step's assignment) was made.
    const startedAt = fromWorkflow[0]!.at;
    const simulated = simulateSop(compiled, { ...script, start: startedAt }, { org: shippedOrg() });
    const fromSimulator = simulated.timeline.flatMap((e) => (e.kind === 'effect' ? [e.effect] : []));

    const byId = (list: readonly Effect[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    const withoutTime = (list: readonly Effect[]) => byId(list).map(({ at: _at, ...rest }) => rest);
    expect(withoutTime(fromWorkflow)).toEqual(withoutTime(fromSimulator));
    // Times may differ by the real milliseconds an update took to arrive after a time jump.
    const simulatedAt = new Map(fromSimulator.map((e) => [e.id, e.at]));
    const drift = fromWorkflow.map((e) => Math.abs(e.at - (simulatedAt.get(e.id) ?? Number.NaN)));
    expect(Math.max(...drift)).toBeLessThan(5_000);
  });
});
