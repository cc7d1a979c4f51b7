/**
 * Operational metrics, through a tiny real Express app on 127.0.0.1 and real HTTP requests.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { createMetrics, recordHttpMetrics, serveMetrics, type Metrics } from '../../kpis';

let metrics: Metrics;
let server: Server;
let base: string;

beforeAll(async () => {
  metrics = createMetrics();
  const app = express();
  app.use(recordHttpMetrics(metrics));
  const projects = express.Router();
  projects.get('/projects/:id', (req, res) => {
    res.json({ id: req.params.id });
  });
  projects.post('/projects/:id/actions', (_req, res) => {
    metrics.rejectedActions.inc({ code: 'WRONG_STATE' });
    res.status(409).json({ code: 'WRONG_STATE' });
  });
  app.use(projects);
  const v1 = express.Router();
  v1.get('/items/:n', (_req, res) => {
    res.sendStatus(204);
  });
  app.use('/v1', v1);
  app.get('/hang', () => undefined); // never answers: the client gives up
  app.get('/metrics', serveMetrics(metrics));
  app.use((_req, res) => {
    res.status(404).json({ code: 'NOT_FOUND' });
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The exposition text once `line` appears in it: responses are counted when they close. */
async function metricsWith(line: string): Promise<string> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const text = await (await fetch(`${base}/metrics`)).text();
    if (text.split('\n').includes(line) || Date.now() > deadline) return text;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// name{label="value",…} value [timestamp], per the Prometheus text exposition format. NaN in any
// case: prom-client writes 'Nan' (event-loop lag before its first sample), which Prometheus reads
// with Go's case-insensitive ParseFloat.
const SAMPLE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*")*\})? (-?\d+(\.\d+)?(e[+-]?\d+)?|[Nn][Aa][Nn]|\+Inf|-Inf)( -?\d+)?$/;
const COMMENT =
  /^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped))$/;

describe('operational metrics', () => {
  it('counts requests by route pattern, never by raw URL, and times them', async () => {
    for (const id of ['p-1', 'p-2', 'p-3']) expect((await fetch(`${base}/projects/${id}`)).status).toBe(200);
    const rejected = await fetch(`${base}/projects/p-1/actions`, { method: 'POST' });
    expect(rejected.status).toBe(409);
    expect((await fetch(`${base}/v1/items/7`)).status).toBe(204);

    const text = await metricsWith('http_requests_total{method="GET",route="/v1/items/:n",status="204"} 1');
    const lines = text.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'http_requests_total{method="GET",route="/projects/:id",status="200"} 3',
        'http_requests_total{method="POST",route="/projects/:id/actions",status="409"} 1',
        'http_requests_total{method="GET",route="/v1/items/:n",status="204"} 1',
        'http_request_duration_seconds_count{method="GET",route="/projects/:id",status="200"} 3',
        'http_request_duration_seconds_bucket{le="10",method="GET",route="/projects/:id",status="200"} 3',
        'sop_rejected_actions_total{code="WRONG_STATE"} 1',
      ]),
    );
    expect(
      lines.filter((l) =>
        l.startsWith('http_request_duration_seconds_bucket{le="0.005",method="GET",route="/projects/:id"'),
      ),
    ).toHaveLength(1);
    expect(text).not.toMatch(/p-\d/);
  });

  it("labels requests no route matched 'unmatched'", async () => {
    expect((await fetch(`${base}/no/such/thing-42`)).status).toBe(404);
    const text = await metricsWith('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text.split('\n')).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).not.toContain('thing-42');
  });

  it("labels a request the client abandoned with status 'aborted'", async () => {
    const abort = new AbortController();
    const pending = fetch(`${base}/hang`, { signal: abort.signal }).catch((e: unknown) => (e as Error).name);
    await new Promise((resolve) => setTimeout(resolve, 50));
    abort.abort();
    expect(await pending).toBe('AbortError');
    const line = 'http_requests_total{method="GET",route="/hang",status="aborted"} 1';
    expect((await metricsWith(line)).split('\n')).toContain(line);
  });

  it('serves valid Prometheus text with its content type, process metrics included', async () => {
    metrics.workflowStarts.inc({ sop: 'new-product-launch', outcome: 'created' });
    metrics.authDenials.inc({ reason: 'bad-signature' });
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toBe(metrics.registry.contentType);
    expect(metrics.registry.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const lines = (await response.text()).split('\n').filter((l) => l !== '');
    const bad = lines.filter((l) => !(l.startsWith('#') ? COMMENT : SAMPLE).test(l));
    expect(bad).toEqual([]);
    expect(lines).toEqual(
      expect.arrayContaining([
        '# TYPE http_request_duration_seconds histogram',
        'sop_workflow_starts_total{sop="new-product-launch",outcome="created"} 1',
        'sop_auth_denials_total{reason="bad-signature"} 1',
      ]),
    );
    expect(lines.some((l) => l.startsWith('process_cpu_user_seconds_total '))).toBe(true);
    expect(lines.some((l) => l.startsWith('nodejs_heap_size_used_bytes '))).toBe(true);
  });

  it('keeps each set of metrics in its own registry', async () => {
    const other = createMetrics();
    other.httpRequests.inc({ method: 'GET', route: '/x', status: '200' });
    expect(await other.registry.getSingleMetricAsString('http_requests_total')).toContain('route="/x"');
    expect(await metrics.registry.getSingleMetricAsString('http_requests_total')).not.toContain('route="/x"');
  });
});
