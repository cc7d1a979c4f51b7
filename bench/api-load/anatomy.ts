/**
 * Where an API request's time goes: each Temporal call the API makes, and the API requests
 * themselves, one client at a time with nothing else running, measured like the load (same
 * loops, same window, CPU until the worker is idle again). Plus the CPU the API spends preparing
 * a kickoff before it calls Temporal.
 */
import { loadProject } from '../../api/projects/load-project';
import { initialSearchAttributes } from '../../api/projects/initial-search-attributes';
import { prepareKickoff } from '../../api/projects/prepare-kickoff';
import { isWorkflowNotFound } from '../../api/temporal-errors';
import { stateQuery } from '../../workflows/messages';
import { runDirectLoad, type DirectCall } from './direct-load';
import { runHttpLoad, type HttpRequestPlan } from './http-load';
import { measureRun } from './measure-run';
import {
  apiActionPlan,
  apiKickoffPlan,
  apiRefusedActionPlan,
  directActionCall,
  directKickoffCall,
} from './operations';
import { formatNumber, markdownTable, summarizeRun, type LoadRun, type MeasuredRun } from './report';
import { KICKOFF_BODY } from './scenario';
import type { LoadStack } from './stack';

export interface AnatomyStep {
  readonly call: string;
  readonly run: MeasuredRun;
}

export interface Anatomy {
  readonly steps: readonly AnatomyStep[];
  /** CPU per kickoff of `prepareKickoff` + `initialSearchAttributes`, the API's own work. */
  readonly kickoffPreparationCpuMs: number;
}

/** Mean CPU milliseconds of `work` over `times` calls. */
function cpuPerCall(times: number, work: () => void): number {
  const before = process.cpuUsage();
  for (let i = 0; i < times; i++) work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / times;
}

/**
 * `projects.api` and `projects.direct` are two projects in their tasks step that nothing else
 * touches meanwhile; `seconds` is how long each call is repeated.
 */
export async function measureAnatomy(
  stack: LoadStack,
  projects: { readonly api: string; readonly direct: string },
  seconds: number,
  serverPid: number | undefined,
  label: string,
): Promise<Anatomy> {
  const { client, deps } = stack;
  const handle = client.workflow.getHandle(projects.direct);
  const unknown = client.workflow.getHandle(`${label}-no-such-project`);
  const http = (planFor: (index: number) => HttpRequestPlan) => () =>
    runHttpLoad({ baseUrl: stack.baseUrl, connections: 1, durationS: seconds, planFor });
  const direct = (callFor: (index: number) => DirectCall) => () =>
    runDirectLoad({ connections: 1, durationS: seconds, callFor });
  const steps: [string, () => Promise<LoadRun>][] = [
    ['API: POST /projects/:id/actions', http(apiActionPlan(stack, [projects.api]))],
    ['↳ API: the same, refused before Temporal (400)', http(apiRefusedActionPlan(stack, [projects.api]))],
    ['↳ Temporal: executeUpdate act', direct(directActionCall(client, [projects.direct]))],
    ['↳ Temporal: query state', direct(() => async () => void (await handle.query(stateQuery)))],
    ['↳ Temporal: describe', direct(() => async () => void (await handle.describe()))],
    [
      '↳ API: loadProject (query ∥ describe; what an action checks)',
      direct(() => async () => void (await loadProject(deps, projects.direct))),
    ],
    ['API: POST /projects', http(apiKickoffPlan(stack, `${label}-api`))],
    ['↳ Temporal: workflow.start', direct(directKickoffCall(deps, `${label}-direct`))],
    [
      '↳ Temporal: describe of a new id (not found)',
      direct(() => async () => {
        try {
          await unknown.describe();
        } catch (error) {
          if (!isWorkflowNotFound(error)) throw error;
        }
      }),
    ],
  ];
  const results: AnatomyStep[] = [];
  for (const [call, load] of steps) {
    results.push({ call, run: await measureRun(stack.worker, serverPid, load) });
  }
  const kickoffPreparationCpuMs = cpuPerCall(200, () => {
    const { args } = prepareKickoff(deps.catalogue, deps.org, KICKOFF_BODY);
    initialSearchAttributes(args, Date.now());
  });
  return { steps: results, kickoffPreparationCpuMs };
}

/** One row per call: latency alone, and CPU per call in this process and the dev server. */
export function anatomyTable(anatomy: Anatomy): string {
  const rows = anatomy.steps.map(({ call, run }) => {
    const s = summarizeRun(run);
    return [
      call,
      String(s.requests),
      formatNumber(s.p50Ms, 2),
      formatNumber(s.p99Ms, 2),
      formatNumber(s.processCpuMsPerRequest, 2),
      formatNumber(s.serverCpuMsPerRequest, 2),
    ];
  });
  rows.push([
    '↳ API: prepareKickoff + initialSearchAttributes (CPU only)',
    '200',
    '',
    '',
    formatNumber(anatomy.kickoffPreparationCpuMs, 2),
    '',
  ]);
  return markdownTable(
    [
      'one client alone',
      'calls',
      'p50 (ms)',
      'p99 (ms)',
      'CPU/call, bench process (ms)',
      'CPU/call, dev server (ms)',
    ],
    rows,
  );
}
