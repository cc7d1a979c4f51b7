import express, { type ErrorRequestHandler } from 'express';
import { createLogger, requestLogging, type LogLevel } from '../../api/http/logging';
import { requestId } from '../../api/http/request-id';
import { captureLogs, serve, type CapturedLogs, type Served } from './support/serve';

const SECRETS = {
  authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.sig',
  apiKey: 'sk_live_do-not-log-me',
  cookie: 'session=cookie-do-not-log-me',
  body: 'body-do-not-log-me',
};

/** An app shaped like the API: ids, logging, a fake authentication, routes, an error handler. */
function buildApp(level: LogLevel, logs: CapturedLogs): express.Express {
  const app = express();
  app.use(requestId());
  app.use(requestLogging(createLogger({ level, destination: logs.stream })));
  app.use(express.json());
  app.use((req, res, next) => {
    const user = req.get('X-Test-User');
    if (user) res.locals.principal = { id: user };
    next();
  });
  const projects = express.Router();
  projects.get('/:id', (req, res) => {
    req.log.info({ projectId: req.params.id }, 'reading project');
    res.json({ id: req.params.id });
  });
  projects.post('/:id/actions', (req, res) => {
    // A careless route dumping the whole request: redaction must still hide the credentials.
    req.log.info({ req }, 'action received');
    res.status(202).json({ accepted: true });
  });
  app.use('/projects', projects);
  app.get('/healthz', (req, res) => {
    res.status(req.query.sick === undefined ? 200 : 503).json({ ok: req.query.sick === undefined });
  });
  app.get('/metrics', (_req, res) => {
    res.type('text/plain').send('up 1\n');
  });
  app.get('/boom', () => {
    throw new Error('disk on fire');
  });
  const handleErrors: ErrorRequestHandler = (error, req, res, _next) => {
    req.log.error({ err: error }, `unexpected error on ${req.method} ${req.originalUrl}`);
    res.status(500).json({ code: 'INTERNAL' });
  };
  app.use(handleErrors);
  return app;
}

describe('requestLogging at info', () => {
  const logs = captureLogs();
  let server: Served;
  beforeAll(async () => {
    server = await serve(buildApp('info', logs));
  });
  afterAll(() => server.close());

  it('writes one JSON completion line per request with its id, route, status, duration and user', async () => {
    const response = await fetch(`${server.url}/projects/p-1?token=abc`, {
      headers: { 'X-Test-User': 'li.na' },
    });
    const id = response.headers.get('X-Request-Id');
    const line = await logs.waitFor((l) => l.requestId === id && l.status !== undefined);
    expect(line).toMatchObject({
      level: 'info',
      requestId: id,
      method: 'GET',
      route: '/projects/:id',
      path: '/projects/p-1',
      status: 200,
      userId: 'li.na',
      msg: expect.stringMatching(/^GET \/projects\/p-1 200 in \d+ ms$/),
    });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(typeof line.time).toBe('string');
    // The query string (which can carry anything) is not logged.
    expect(logs.text()).not.toContain('token=abc');
  });

  it('tags the lines a route logs through req.log with the same request id', async () => {
    const response = await fetch(`${server.url}/projects/p-2`, { headers: { 'X-Request-Id': 'trace-42' } });
    expect(response.headers.get('X-Request-Id')).toBe('trace-42');
    const routeLine = await logs.waitFor((l) => l.msg === 'reading project' && l.projectId === 'p-2');
    expect(routeLine.requestId).toBe('trace-42');
    const completion = await logs.waitFor((l) => l.requestId === 'trace-42' && l.status === 200);
    expect(completion).not.toHaveProperty('userId');
  });

  it('logs errors from the error handler with the request id, and the 500 completion at error', async () => {
    const response = await fetch(`${server.url}/boom`);
    expect(response.status).toBe(500);
    const id = response.headers.get('X-Request-Id');
    const errorLine = await logs.waitFor((l) => l.requestId === id && String(l.msg).startsWith('unexpected'));
    expect(errorLine).toMatchObject({ level: 'error', err: { message: 'disk on fire' } });
    const completion = await logs.waitFor((l) => l.requestId === id && l.status === 500);
    expect(completion).toMatchObject({ level: 'error', method: 'GET', route: '/boom', path: '/boom' });
    // Not pino-http's invented "failed with status code 500" error: the real one is logged above.
    expect(completion).not.toHaveProperty('err');
  });

  it('never logs credentials or bodies, even when a route logs the whole request', async () => {
    const response = await fetch(`${server.url}/projects/p-3/actions`, {
      method: 'POST',
      headers: {
        Authorization: SECRETS.authorization,
        'X-Api-Key': SECRETS.apiKey,
        Cookie: SECRETS.cookie,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ action: 'approve', comment: SECRETS.body }),
    });
    expect(response.status).toBe(202);
    const id = response.headers.get('X-Request-Id');
    const dump = await logs.waitFor((l) => l.requestId === id && l.msg === 'action received');
    await logs.waitFor((l) => l.requestId === id && l.status === 202);
    const headers = (dump.req as { headers: Record<string, string> }).headers;
    expect(headers).toMatchObject({
      authorization: '[redacted]',
      'x-api-key': '[redacted]',
      cookie: '[redacted]',
    });
    for (const secret of Object.values(SECRETS)) expect(logs.text()).not.toContain(secret);
  });

  it('keeps health checks and metrics out of info logs, but not a failing health check', async () => {
    const healthy = await fetch(`${server.url}/healthz`);
    const metrics = await fetch(`${server.url}/metrics`);
    const sick = await fetch(`${server.url}/healthz?sick`);
    expect(sick.status).toBe(503);
    const sickId = sick.headers.get('X-Request-Id');
    expect(await logs.waitFor((l) => l.requestId === sickId)).toMatchObject({ level: 'warn', status: 503 });
    for (const quiet of [healthy, metrics]) {
      const id = quiet.headers.get('X-Request-Id');
      expect(logs.lines().filter((l) => l.requestId === id)).toEqual([]);
    }
  });
});

describe('requestLogging at debug', () => {
  it('logs health checks and metrics at debug', async () => {
    const logs = captureLogs();
    const server = await serve(buildApp('debug', logs));
    try {
      for (const path of ['/healthz', '/metrics']) {
        const id = (await fetch(`${server.url}${path}`)).headers.get('X-Request-Id');
        expect(await logs.waitFor((l) => l.requestId === id)).toMatchObject({
          level: 'debug',
          path,
          status: 200,
        });
      }
    } finally {
      await server.close();
    }
  });
});

describe('createLogger', () => {
  it('writes JSON lines with the level as a word and an ISO time, honouring the level', () => {
    const logs = captureLogs();
    const logger = createLogger({ level: 'warn', destination: logs.stream });
    logger.info('hidden');
    logger.warn({ port: 3000 }, 'shown');
    expect(logs.lines()).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'shown', port: 3000, time: expect.stringMatching(/Z$/) }),
    ]);
  });

  it('redacts credentials in any headers object it is given', () => {
    const logs = captureLogs();
    createLogger({ level: 'info', destination: logs.stream }).info(
      { headers: { authorization: SECRETS.authorization, 'x-api-key': SECRETS.apiKey, accept: 'json' } },
      'outgoing call',
    );
    expect(logs.lines()[0]).toMatchObject({
      headers: { authorization: '[redacted]', 'x-api-key': '[redacted]', accept: 'json' },
    });
  });
});
