import express, { type Request, type Response } from 'express';
import { principalOrIp, rateLimit, type RateLimitOptions } from '../../api/http/rate-limit';
import { serve, type Served } from './support/serve';

/** A fake authentication (the test user header), then the limiters, then the routes. */
function buildApp(kickoff: RateLimitOptions, actions: RateLimitOptions): express.Express {
  const app = express();
  app.use((req, res, next) => {
    const user = req.get('X-Test-User');
    if (user) res.locals.principal = { id: user };
    next();
  });
  app.post('/projects', rateLimit(kickoff));
  app.post('/projects/:id/actions', rateLimit(actions));
  app.post('/projects', (_req, res) => {
    res.status(201).json({ id: 'p-1' });
  });
  app.post('/projects/:id/actions', (_req, res) => {
    res.status(202).json({ accepted: true });
  });
  return app;
}

const post = (url: string, user?: string) =>
  fetch(url, { method: 'POST', headers: user ? { 'X-Test-User': user } : {} });

describe('rateLimit', () => {
  let server: Served;
  beforeAll(async () => {
    server = await serve(
      buildApp(
        { limit: 3, windowMs: 60_000, noun: 'kickoffs' },
        { limit: 2, windowMs: 60_000, noun: 'actions' },
      ),
    );
  });
  afterAll(() => server.close());

  it('counts down in draft-8 RateLimit headers, then answers the N+1th request 429 problem+json', async () => {
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await post(`${server.url}/projects`, 'alice');
      expect(response.status).toBe(201);
      remaining.push(response.headers.get('RateLimit'));
      expect(response.headers.get('RateLimit-Policy')).toMatch(
        /^"3-in-1min"; q=3; w=60; pk=:[A-Za-z0-9+/=]+:$/,
      );
      expect(response.headers.get('Retry-After')).toBeNull();
    }
    expect(remaining.map((h) => /r=(\d+)/.exec(h ?? '')?.[1])).toEqual(['2', '1', '0']);

    const refused = await post(`${server.url}/projects`, 'alice');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8');
    const retryAfter = Number(refused.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('RateLimit')).toMatch(/^"3-in-1min"; r=0; t=\d+$/);
    expect(await refused.json()).toEqual({
      type: 'urn:sop-engine:problem:rate-limited',
      title: 'Too many requests',
      status: 429,
      code: 'RATE_LIMITED',
      detail: `at most 3 kickoffs per minute for principal 'alice'; retry after ${retryAfter} s`,
      instance: '/projects',
    });
  });

  it('keeps a separate bucket per principal', async () => {
    for (let i = 0; i < 3; i++) expect((await post(`${server.url}/projects`, 'bob')).status).toBe(201);
    expect((await post(`${server.url}/projects`, 'bob')).status).toBe(429);
    expect((await post(`${server.url}/projects`, 'carol')).status).toBe(201);
  });

  it('counts kickoffs and actions in separate limiters', async () => {
    for (let i = 0; i < 3; i++) await post(`${server.url}/projects`, 'dave');
    expect((await post(`${server.url}/projects`, 'dave')).status).toBe(429);
    expect((await post(`${server.url}/projects/p-1/actions`, 'dave')).status).toBe(202);
    expect((await post(`${server.url}/projects/p-2/actions`, 'dave')).status).toBe(202);
    const refused = await post(`${server.url}/projects/p-3/actions`, 'dave');
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(
      /^at most 2 actions per minute for principal 'dave'; retry after \d+ s$/,
    );
  });

  it('counts anonymous callers by client address', async () => {
    const app = buildApp({ limit: 1, windowMs: 60_000 }, { limit: 1, windowMs: 60_000 });
    const anonymous = await serve(app);
    try {
      expect((await post(`${anonymous.url}/projects`)).status).toBe(201);
      const refused = await post(`${anonymous.url}/projects`);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { detail: string }).detail).toMatch(
        /^at most 1 requests per minute for client address 127\.0\.0\.1; retry after \d+ s$/,
      );
      // An authenticated caller from the same address has a bucket of its own.
      expect((await post(`${anonymous.url}/projects`, 'erin')).status).toBe(201);
    } finally {
      await anonymous.close();
    }
  });

  it('lets the caller in again once the window has passed', async () => {
    const short = await serve(buildApp({ limit: 1, windowMs: 1_000 }, { limit: 1, windowMs: 1_000 }));
    try {
      expect((await post(`${short.url}/projects`, 'frank')).status).toBe(201);
      const refused = await post(`${short.url}/projects`, 'frank');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('Retry-After')).toBe('1');
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await post(`${short.url}/projects`, 'frank')).status).toBe(201);
    } finally {
      await short.close();
    }
  });
});

describe('principalOrIp', () => {
  const res = (principal?: unknown) => ({ locals: principal === undefined ? {} : { principal } }) as Response;
  const req = (ip: string) => ({ ip, socket: {} }) as Request;

  it('prefers the principal id, ignoring malformed principals', () => {
    expect(principalOrIp(req('10.0.0.1'), res({ id: 'alice' }))).toEqual({
      key: 'principal:alice',
      describe: "principal 'alice'",
    });
    expect(principalOrIp(req('10.0.0.1'), res({ id: 42 })).key).toBe('address:10.0.0.1');
    expect(principalOrIp(req('10.0.0.1'), res('alice')).key).toBe('address:10.0.0.1');
  });

  it('groups IPv6 clients by /56, so rotating addresses does not dodge the limit', () => {
    const a = principalOrIp(req('2001:db8:abcd:1200::1'), res());
    const b = principalOrIp(req('2001:db8:abcd:12ff:ffff::9'), res());
    const other = principalOrIp(req('2001:db8:abcd:1300::1'), res());
    expect(a.key).toBe(b.key);
    expect(a.key).not.toBe(other.key);
    // IPv4 clients on a dual-stack socket keep their own address.
    expect(principalOrIp(req('::ffff:192.0.2.7'), res()).key).toBe('address:192.0.2.7');
  });
});
