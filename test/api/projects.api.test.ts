/**
 * Kickoff, state and the error surface of the REST API, against a real Temporal dev server and
 * a real worker.
 */
import { randomUUID } from 'node:crypto';
import { createHealthCheck } from '../../api/health-checks';
import { SOP_ID, SOP_STATUS, SOP_VERSION } from '../../workflows/search-attributes';
import { LAUNCH_INPUT, REQUIREMENTS } from '../support/project-harness';
import { BRIDGE_KEY, startApiHarness, type ApiHarness, type Reply } from './support/api-harness';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApiHarness();
});

afterAll(async () => {
  await api?.close();
});

const kickoff = (key: string | undefined, body: unknown) =>
  api.request('POST', '/projects', { body, headers: key === undefined ? {} : { 'Idempotency-Key': key } });

const LAUNCH = { sop: 'new-product-launch', input: LAUNCH_INPUT };

function expectProblem(reply: Reply, status: number, code: string) {
  expect(reply.contentType).toMatch(/^application\/problem\+json/);
  expect(reply.body).toMatchObject({ status, code, type: expect.stringContaining(':problem:') });
  expect(typeof reply.body.title).toBe('string');
  expect(typeof reply.body.detail).toBe('string');
  expect(reply.status).toBe(status);
}

describe('POST /projects', () => {
  it('starts one project per Idempotency-Key: 201, then 200 with the same id; a new key, a new project', async () => {
    const key = `order-${randomUUID()}`;
    const first = await kickoff(key, LAUNCH);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.stringMatching(/^project-[0-9a-f]{32}$/),
      sop: {
        id: 'new-product-launch',
        version: '1.0.0',
        hash: api.catalogue.get('new-product-launch')!.hash,
      },
      status: 'active',
      links: {
        self: `/projects/${first.body.id}`,
        actions: `/projects/${first.body.id}/actions`,
        history: `/projects/${first.body.id}/history`,
      },
    });
    expect(first.location).toBe(`/projects/${first.body.id}`);

    const again = await kickoff(key, LAUNCH);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    const other = await kickoff(`order-${randomUUID()}`, LAUNCH);
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);

    // Only one workflow exists for the key, and it is findable by its search attributes from the start.
    const description = await api.env.client.workflow.getHandle(first.body.id).describe();
    expect(description.typedSearchAttributes.get(SOP_ID)).toBe('new-product-launch');
    expect(description.typedSearchAttributes.get(SOP_VERSION)).toBe('1.0.0');
    expect(description.typedSearchAttributes.get(SOP_STATUS)).toBe('active');
  });

  it('never makes two projects when the same key arrives concurrently', async () => {
    const key = `burst-${randomUUID()}`;
    const replies = await Promise.all([1, 2, 3].map(() => kickoff(key, LAUNCH)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.id as string)).size).toBe(1);
  });

  it('refuses a key reused with a different request (422), naming the project it already made', async () => {
    const key = `reuse-${randomUUID()}`;
    const first = await kickoff(key, LAUNCH);
    const changed = await kickoff(key, { ...LAUNCH, input: { ...LAUNCH_INPUT, projectName: 'Borealis' } });
    expectProblem(changed, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(changed.body.project).toBe(first.body.id);
  });

  it('requires the Idempotency-Key header (400)', async () => {
    const reply = await kickoff(undefined, LAUNCH);
    expectProblem(reply, 400, 'MISSING_IDEMPOTENCY_KEY');
    expect(reply.body.detail).toContain('Idempotency-Key');
  });

  it('answers 404 for an unknown SOP or version, listing what exists', async () => {
    const unknown = await kickoff(randomUUID(), { sop: 'new-product-lunch', input: LAUNCH_INPUT });
    expectProblem(unknown, 404, 'UNKNOWN_SOP');
    expect(unknown.body.detail).toContain('new-product-launch');
    const version = await kickoff(randomUUID(), { ...LAUNCH, version: '9.9.9' });
    expectProblem(version, 404, 'UNKNOWN_SOP');
    expect(version.body.detail).toContain('published versions: 1.0.0');
  });

  it("answers 422 listing every problem when the input does not fit the SOP's input schema", async () => {
    const reply = await kickoff(randomUUID(), {
      sop: 'new-product-launch',
      input: { projectName: 'has-dashes', initiator: 'he.yun', members: [] },
    });
    expectProblem(reply, 422, 'INVALID_INPUT');
    expect(reply.body.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("missing required field 'projectManager'"),
        expect.stringContaining('/projectName'),
        expect.stringContaining('/members'),
      ]),
    );
  });

  it('answers 422 with the reason when a participant cannot be resolved', async () => {
    const reply = await kickoff(randomUUID(), {
      ...LAUNCH,
      input: { ...LAUNCH_INPUT, projectManager: 'no.body' },
    });
    expectProblem(reply, 422, 'PARTICIPANT_UNRESOLVED');
    expect(reply.body).toMatchObject({ participant: 'pm' });
    expect(reply.body.detail).toBe(
      "participant 'pm' cannot be resolved: user 'no.body' (input 'projectManager') is not in the org directory; use a user id from org.yaml",
    );
  });

  it('answers 400 for malformed JSON, a body that is not an object, or unknown fields; 415 for non-JSON', async () => {
    const headers = { 'Idempotency-Key': randomUUID() };
    const malformed = await api.request('POST', '/projects', { body: '{"sop": ', headers });
    expectProblem(malformed, 400, 'MALFORMED_JSON');
    const array = await api.request('POST', '/projects', { body: [LAUNCH], headers });
    expectProblem(array, 400, 'INVALID_REQUEST');
    expect(array.body.detail).toContain('got an array');
    const stray = await kickoff(randomUUID(), { ...LAUNCH, projectName: 'Aurora' });
    expectProblem(stray, 400, 'INVALID_REQUEST');
    expect(stray.body.detail).toContain("'projectName'");
    const text = await api.request('POST', '/projects', {
      body: 'sop=new-product-launch',
      headers: { ...headers, 'content-type': 'text/plain' },
    });
    expectProblem(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const huge = await kickoff(randomUUID(), {
      ...LAUNCH,
      input: { ...LAUNCH_INPUT, notes: 'x'.repeat(300_000) },
    });
    expectProblem(huge, 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('GET /projects/:id', () => {
  it('returns the state query with the id, right after kickoff', async () => {
    const { body: project } = await kickoff(randomUUID(), LAUNCH);
    const reply = await api.request('GET', project.links.self);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: project.id,
      sop: { id: 'new-product-launch', version: '1.0.0', hash: project.sop.hash },
      status: 'active',
      activeSteps: [expect.objectContaining({ id: 'requirement', assignees: ['he.yun'] })],
    });
  });

  it('answers 404 for unknown projects, on every project route', async () => {
    for (const [method, path] of [
      ['GET', '/projects/project-00000000000000000000000000000000'],
      ['GET', '/projects/project-00000000000000000000000000000000/history'],
    ] as const) {
      expectProblem(await api.request(method, path), 404, 'UNKNOWN_PROJECT');
    }
    const action = await api.request('POST', '/projects/project-00000000000000000000000000000000/actions', {
      body: { type: 'submit', actor: { user: 'he.yun' } },
    });
    expectProblem(action, 404, 'UNKNOWN_PROJECT');
  });
});

describe('the rest of the surface', () => {
  it('answers unknown routes with a 404 problem', async () => {
    const reply = await api.request('DELETE', '/projects');
    expectProblem(reply, 404, 'UNKNOWN_ROUTE');
    expect(reply.body.instance).toBe('/projects');
  });

  it('rejects an action body that is not shaped like an action (400) before it reaches the project', async () => {
    const { body: project } = await kickoff(randomUUID(), LAUNCH);
    const reply = await api.request('POST', project.links.actions, {
      body: { type: 'submit', actor: 'he.yun' },
    });
    expectProblem(reply, 400, 'INVALID_REQUEST');
    expect(reply.body.detail).toBe('the body does not fit ActionRequest: body.actor must be object');
  });

  it('GET /healthz is 200 when every check is well and 503 (with the checks) when one is not', async () => {
    const well = await api.request('GET', '/healthz');
    expect(well).toMatchObject({ status: 200, body: { ok: true, checks: { temporal: true } } });
    const unwellUrl = await api.serveWith({
      health: () => Promise.resolve({ ok: false, checks: { temporal: true, worker: 'no worker polling' } }),
    });
    const unwell = await fetch(`${unwellUrl}/healthz`);
    expect(unwell.status).toBe(503);
    expect(await unwell.json()).toEqual({
      ok: false,
      checks: { temporal: true, worker: 'no worker polling' },
    });
  });

  it('createHealthCheck looks at Temporal, the workers of the task queue and the catalogue', async () => {
    const { client, catalogue, namespace, taskQueue } = api.deps;
    const polled = await createHealthCheck({ client, catalogue, namespace, taskQueue })();
    expect(polled).toEqual({ ok: true, checks: { temporal: true, worker: true, catalogue: true } });
    const idle = await createHealthCheck({ client, catalogue, namespace, taskQueue: 'nobody-polls-this' })();
    expect(idle).toEqual({
      ok: false,
      checks: {
        temporal: true,
        worker: "no worker has polled task queue 'nobody-polls-this' recently",
        catalogue: true,
      },
    });
  });

  it('answers 503 (retry later), not a hang, when no worker answers in time', async () => {
    const url = await api.serveWith({ taskQueue: `unpolled-${randomUUID()}`, temporalTimeoutMs: 1000 });
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', 'X-Api-Key': BRIDGE_KEY, ...headers },
      });
    const started = await post('/projects', LAUNCH, { 'Idempotency-Key': randomUUID() });
    expect(started.status).toBe(201); // starting needs no worker
    const { links } = (await started.json()) as { links: { self: string; actions: string } };
    const state = await fetch(`${url}${links.self}`, { headers: { 'X-Api-Key': BRIDGE_KEY } });
    expect(state.status).toBe(503);
    expect(await state.json()).toMatchObject({ code: 'TEMPORAL_UNAVAILABLE' });
    const action = await post(links.actions, {
      type: 'submit',
      actor: { user: 'he.yun' },
      data: REQUIREMENTS,
    });
    expect(action.status).toBe(503);
  });
});
