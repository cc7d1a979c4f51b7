/**
 * Projects for the action measurements, made the way every project is made: kicked off and
 * driven to their tasks step through the API, outside the timing.
 */
import { boundedPool } from '../workflow/stats';
import { actionsToProgress, KICKOFF_BODY } from './scenario';

/** How the benchmark reaches the API outside the timed runs. */
export interface ApiTarget {
  readonly baseUrl: string;
  readonly apiKey: string;
}

/** Sends one JSON request as the integration account; throws unless the status is `expected`. */
export async function callApi(
  target: ApiTarget,
  path: string,
  body: unknown,
  expected: number,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(`${target.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': target.apiKey, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected)
    throw new Error(`POST ${path}: expected ${expected}, got ${response.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Kicks off one project and takes it to its `progress` step; resolves with its id. */
async function prepareProject(target: ApiTarget, key: string): Promise<string> {
  const project = await callApi(target, '/projects', KICKOFF_BODY, 201, { 'Idempotency-Key': key });
  const id = String(project.id);
  let steps: unknown;
  for (const action of actionsToProgress()) {
    ({ steps } = await callApi(target, `/projects/${encodeURIComponent(id)}/actions`, action, 200));
  }
  if (JSON.stringify(steps) !== '["progress"]')
    throw new Error(
      `project ${id} should wait in its progress step, but its steps are ${JSON.stringify(steps)}`,
    );
  return id;
}

/**
 * `count` projects waiting in their tasks step, ready for task updates; `label` keeps their
 * Idempotency-Keys apart from every other run's.
 */
export function prepareProjects(target: ApiTarget, count: number, label: string): Promise<string[]> {
  return boundedPool(count, 10, (i) => prepareProject(target, `${label}-${i}`));
}
