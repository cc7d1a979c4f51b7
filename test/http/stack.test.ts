/**
 * The hardening modules wired in the order docs/hardening.md recommends, around stand-ins for
 * authentication and the routes: proves they compose (ids on refusals, CORS before auth, limits
 * after it, settings from the environment accepted by Express).
 */
import express, { type ErrorRequestHandler } from 'express';
import { parseHttpHardening, type HttpHardening } from '../../api/http/config';
import { corsPolicy } from '../../api/http/cors';
import { createLogger, requestLogging } from '../../api/http/logging';
import { rateLimit } from '../../api/http/rate-limit';
import { requestId } from '../../api/http/request-id';
import { securityHeaders } from '../../api/http/security-headers';
import { captureLogs, serve, type CapturedLogs, type Served } from './support/serve';

function buildApp(hardening: HttpHardening, logs: CapturedLogs): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', hardening.trustProxy);
  app.use(requestId());
  app.use(requestLogging(createLogger({ level: hardening.logLevel, destination: logs.stream })));
  app.use(securityHeaders({ hsts: hardening.hsts }));
  app.use(corsPolicy({ origins: hardening.corsOrigins }));
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  // Stand-in for api/auth: a principal from a test header; /projects needs one.
  app.use((req, res, next) => {
    const user = req.get('X-Test-User');
    if (user) res.locals.principal = { id: user };
    else if (req.path.startsWith('/projects')) {
      res.status(401).json({ code: 'UNAUTHENTICATED' });
      return;
    }
    next();
  });
  const { kickoff } = hardening.rateLimits;
  if (kickoff !== 'off') app.post('/projects', rateLimit({ ...kickoff, noun: 'kickoffs' }));
  app.post('/subscribe', rateLimit({ limit: 1, windowMs: 60_000, noun: 'subscriptions' }));
  app.use(express.json({ limit: hardening.bodyLimit }));
  app.post('/projects', (_req, res) => {
    res.status(201).location('/projects/p-1').json({ id: 'p-1' });
  });
  app.post('/subscribe', (_req, res) => {
    res.status(204).end();
  });
  const handleErrors: ErrorRequestHandler = (error: { status?: number }, req, res, _next) => {
    req.log.warn({ err: error }, 'request refused');
    res.status(error.status ?? 500).json({ code: 'ERROR' });
  };
  app.use(handleErrors);
  return app;
}

describe('the hardening stack', () => {
  const logs = captureLogs();
  let server: Served;
  beforeAll(async () => {
    const hardening = parseHttpHardening({
      SOP_CORS_ORIGINS: 'https://app.example.com',
      SOP_RATE_LIMIT_KICKOFF: '1/min',
      SOP_BODY_LIMIT: '1kb',
      SOP_TRUST_PROXY: 'loopback',
    });
    server = await serve(buildApp(hardening, logs));
  });
  afterAll(() => server.close());

  const kickoff = (body = '{}') =>
    fetch(`${server.url}/projects`, {
      method: 'POST',
      headers: {
        'X-Test-User': 'li.na',
        Origin: 'https://app.example.com',
        'Content-Type': 'application/json',
      },
      body,
    });

  it('answers a refused kickoff with every header a browser app needs, and logs it with id and user', async () => {
    expect((await kickoff()).status).toBe(201);
    const refused = await kickoff();
    expect(refused.status).toBe(429);
    const id = refused.headers.get('X-Request-Id');
    expect(id).toBeTruthy();
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBe('https://app.example.com');
    expect(refused.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After');
    expect(refused.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(refused.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(refused.headers.get('Cache-Control')).toBe('no-store');
    expect(await logs.waitFor((l) => l.requestId === id && l.status === 429)).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/projects',
      userId: 'li.na',
    });
  });

  it('answers preflights before authentication', async () => {
    const response = await fetch(`${server.url}/projects`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(204);
  });

  it('applies SOP_BODY_LIMIT through express.json', async () => {
    const response = await fetch(`${server.url}/projects`, {
      method: 'POST',
      headers: { 'X-Test-User': 'other', 'Content-Type': 'application/json' },
      body: JSON.stringify({ note: 'x'.repeat(2048) }),
    });
    expect(response.status).toBe(413);
  });

  it('takes client addresses from X-Forwarded-For only from trusted proxies (SOP_TRUST_PROXY)', async () => {
    const subscribe = (forwardedFor: string) =>
      fetch(`${server.url}/subscribe`, { method: 'POST', headers: { 'X-Forwarded-For': forwardedFor } });
    expect((await subscribe('203.0.113.1')).status).toBe(204);
    expect((await subscribe('203.0.113.2')).status).toBe(204);
    const refused = await subscribe('203.0.113.1');
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { detail: string }).detail).toContain(
      'for client address 203.0.113.1;',
    );
  });
});
