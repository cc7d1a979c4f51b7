/**
 * The two operations, each two ways: through the REST API (request plans for autocannon) and
 * straight through the Temporal client with what the API would send (calls for the direct loops).
 */
import type { Client, WorkflowStartOptions } from '@temporalio/client';
import { parseActionRequest } from '../../api/actions/action-request';
import type { ApiDeps } from '../../api/deps';
import type { KickoffMemo } from '../../api/projects/kick-off';
import { initialSearchAttributes } from '../../api/projects/initial-search-attributes';
import { prepareKickoff } from '../../api/projects/prepare-kickoff';
import { projectIdFor } from '../../api/projects/project-id';
import { hashOf } from '../../engine/compiler/canonical-json';
import { actUpdate, PROJECT_WORKFLOW } from '../../workflows/messages';
import { SOP_OWNER } from '../../workflows/search-attributes';
import type { DirectCall } from './direct-load';
import type { HttpRequestPlan } from './http-load';
import type { ApiTarget } from './projects';
import { BRIDGE_USER, KICKOFF_BODY, toggleAction } from './scenario';

const ACCEPTED = '"accepted":true';

function expectStatus(expected: number, extra?: (body: string) => string | undefined) {
  return (status: number, body: string) =>
    status !== expected ? `expected ${expected}: ${body.slice(0, 300)}` : extra?.(body);
}

/** `POST /projects`, every request with an Idempotency-Key of its own; 201 expected. */
export function apiKickoffPlan(target: ApiTarget, label: string) {
  const body = JSON.stringify(KICKOFF_BODY);
  return (index: number): HttpRequestPlan => {
    let n = 0;
    return {
      path: '/projects',
      headers: () => ({ 'x-api-key': target.apiKey, 'idempotency-key': `${label}-${index}-${n++}` }),
      body: () => body,
      check: expectStatus(201),
    };
  };
}

/** `POST /projects/:id/actions` on connection `index`'s own project; 200 and `accepted: true` expected. */
export function apiActionPlan(target: ApiTarget, projects: readonly string[]) {
  return (index: number): HttpRequestPlan => {
    let n = 0;
    return {
      path: `/projects/${encodeURIComponent(projectOf(projects, index))}/actions`,
      headers: () => ({ 'x-api-key': target.apiKey }),
      body: () => JSON.stringify(toggleAction(n++)),
      check: expectStatus(200, (body) => (body.includes(ACCEPTED) ? undefined : `not accepted: ${body}`)),
    };
  };
}

/**
 * An action the API refuses before it calls Temporal (no `type`: 400): what authentication, body
 * parsing, routing and the error answer cost on their own.
 */
export function apiRefusedActionPlan(target: ApiTarget, projects: readonly string[]) {
  return (index: number): HttpRequestPlan => ({
    path: `/projects/${encodeURIComponent(projectOf(projects, index))}/actions`,
    headers: () => ({ 'x-api-key': target.apiKey }),
    body: () => '{}',
    check: expectStatus(400),
  });
}

/**
 * `workflow.start` with exactly what `kickOffProject` (api/projects/kick-off.ts) passes: the same
 * arguments, id policies, search attributes and memo. The arguments and search attributes are
 * built once, before the clock starts: building them (input check, participants, a dry run of
 * the kickoff for the search attributes) is the API's work, so it counts as its overhead.
 */
export function directKickoffCall(deps: ApiDeps, label: string) {
  const { entry, args } = prepareKickoff(deps.catalogue, deps.org, KICKOFF_BODY);
  const sop = { id: entry.id, version: entry.version, hash: entry.hash };
  const memo: KickoffMemo = {
    sop,
    request: hashOf({ sop: KICKOFF_BODY.sop, version: null, input: KICKOFF_BODY.input }),
    owner: BRIDGE_USER,
  };
  const options: Omit<WorkflowStartOptions, 'workflowId'> = {
    args: [args],
    taskQueue: deps.taskQueue,
    workflowIdConflictPolicy: 'FAIL',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    typedSearchAttributes: [
      ...initialSearchAttributes(args, Date.now()),
      { key: SOP_OWNER, value: BRIDGE_USER },
    ],
    memo: { ...memo },
  };
  return (index: number): DirectCall => {
    let n = 0;
    return async () => {
      const workflowId = projectIdFor(`${label}-${index}-${n++}`);
      await deps.client.workflow.start(PROJECT_WORKFLOW, { ...options, workflowId });
    };
  };
}

/** The `act` update on loop `index`'s own project, with the action the API would build. */
export function directActionCall(client: Client, projects: readonly string[]) {
  return (index: number): DirectCall => {
    const handle = client.workflow.getHandle(projectOf(projects, index));
    let n = 0;
    return async () => {
      const action = parseActionRequest(toggleAction(n++), BRIDGE_USER);
      const result = await handle.executeUpdate(actUpdate, { args: [action] });
      if (!result.accepted) throw new Error(`not accepted: ${JSON.stringify(result)}`);
    };
  };
}

function projectOf(projects: readonly string[], index: number): string {
  const id = projects[index];
  if (id === undefined) throw new Error(`no project for client ${index}: only ${projects.length} prepared`);
  return id;
}
