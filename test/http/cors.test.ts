import express from 'express';
import { corsPolicy, type CorsPolicyOptions } from '../../api/http/cors';
import { requestId } from '../../api/http/request-id';
import { serve, type Served } from './support/serve';

const APP_ORIGIN = 'https://app.example.com';
const OTHER_ORIGIN = 'https://evil.example';

/** CORS first, then an authentication that refuses everything without credentials, like the API. */
function buildApp(options: CorsPolicyOptions): express.Express {
  const app = express();
  app.use(requestId());
  app.use(corsPolicy(options));
  app.use((req, res, next) => {
    if (req.get('Authorization') === undefined) res.status(401).json({ code: 'UNAUTHENTICATED' });
    else next();
  });
  app.post('/projects', (_req, res) => {
    res.status(201).location('/projects/p-1').json({ id: 'p-1' });
  });
  app.use((_req, res) => {
    res.status(404).json({ code: 'UNKNOWN_ROUTE' });
  });
  return app;
}

function kickoff(url: string, origin?: string): Promise<Response> {
  return fetch(`${url}/projects`, {
    method: 'POST',
    headers: { Authorization: 'Bearer t', ...(origin ? { Origin: origin } : {}) },
  });
}

function preflight(url: string, origin: string, headers = 'authorization,content-type'): Promise<Response> {
  return fetch(`${url}/projects`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': headers,
    },
  });
}

function corsHeaders(response: Response): string[] {
  return [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));
}

describe('corsPolicy with a list of origins', () => {
  let server: Served;
  beforeAll(async () => {
    server = await serve(buildApp({ origins: [APP_ORIGIN, 'http://localhost:5173'] }));
  });
  afterAll(() => server.close());

  it('lets an allowed origin read the answer and the headers it needs', async () => {
    const response = await kickoff(server.url, APP_ORIGIN);
    expect(response.status).toBe(201);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(APP_ORIGIN);
    expect(response.headers.get('Vary')).toContain('Origin');
    expect(response.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    expect(response.headers.get('Access-Control-Expose-Headers')?.split(',')).toEqual([
      'X-Request-Id',
      'Location',
      'RateLimit',
      'RateLimit-Policy',
      'Retry-After',
    ]);
  });

  it('answers an allowed preflight 204 before authentication, listing methods and headers', async () => {
    const response = await preflight(server.url, 'http://localhost:5173');
    expect(response.status).toBe(204);
    expect(response.headers.get('Content-Length')).toBe('0');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
    expect(response.headers.get('Access-Control-Allow-Methods')?.split(',')).toContain('POST');
    expect(response.headers.get('Access-Control-Allow-Headers')).toBe(
      'Authorization,Content-Type,Idempotency-Key,X-Api-Key,X-Request-Id',
    );
    expect(response.headers.get('Access-Control-Max-Age')).toBe('600');
    expect(response.headers.get('X-Request-Id')).toBeTruthy();
  });

  it('gives another origin no CORS headers, so the browser keeps the answer from its script', async () => {
    const response = await kickoff(server.url, OTHER_ORIGIN);
    expect(corsHeaders(response)).toEqual([]);
    expect(response.headers.get('Vary')).toContain('Origin');
  });

  it('matches origins exactly: no prefixes, other ports or schemes', async () => {
    for (const origin of [
      'https://app.example.com.evil.example',
      'https://app.example.com:8443',
      'http://app.example.com',
      'null',
    ]) {
      expect(corsHeaders(await kickoff(server.url, origin))).toEqual([]);
    }
  });

  it("refuses another origin's preflight with a 403 CORS_REFUSED problem naming the origin", async () => {
    const response = await preflight(server.url, OTHER_ORIGIN);
    expect(response.status).toBe(403);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json; charset=utf-8');
    expect(corsHeaders(response)).toEqual([]);
    expect(await response.json()).toEqual({
      type: 'urn:sop-engine:problem:cors-refused',
      title: 'The origin may not call this API from a browser',
      status: 403,
      code: 'CORS_REFUSED',
      detail:
        "the origin 'https://evil.example' may not call this API from a browser; " +
        'ask the operator to add it to SOP_CORS_ORIGINS',
      instance: '/projects',
    });
  });

  it('leaves requests without an Origin (servers, curl) alone', async () => {
    const response = await kickoff(server.url);
    expect(response.status).toBe(201);
    expect(corsHeaders(response)).toEqual([]);
  });
});

describe('corsPolicy with *', () => {
  it('lets any origin call, without credentials', async () => {
    const server = await serve(buildApp({ origins: '*' }));
    try {
      const response = await kickoff(server.url, OTHER_ORIGIN);
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
      const pre = await preflight(server.url, OTHER_ORIGIN, 'x-api-key');
      expect(pre.status).toBe(204);
      expect(pre.headers.get('Access-Control-Allow-Origin')).toBe('*');
      expect(pre.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    } finally {
      await server.close();
    }
  });
});

describe('corsPolicy disabled (no origins, the default)', () => {
  it('sends no CORS headers at all and leaves OPTIONS to the app', async () => {
    const server = await serve(buildApp({ origins: [] }));
    try {
      const response = await kickoff(server.url, APP_ORIGIN);
      expect(response.status).toBe(201);
      expect(corsHeaders(response)).toEqual([]);
      expect(response.headers.get('Vary')).toBeNull();
      const pre = await preflight(server.url, APP_ORIGIN);
      expect(pre.status).toBe(401);
      expect(corsHeaders(pre)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
