import express from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { securityHeaders } from '../../api/http/security-headers';
import { serve, type Served } from './support/serve';

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string | null): Record<string, string> {
  return Object.fromEntries(
    (csp ?? '').split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

function buildApp(hsts?: boolean): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders(hsts === undefined ? {} : { hsts }));
  // The page itself at /docs (as the API will serve it, with its own initializer), assets below.
  app.get('/docs', (_req, res) => {
    res
      .type('html')
      .send('<!doctype html><title>API</title><script src="/docs/swagger-ui-bundle.js"></script>');
  });
  app.use('/docs', express.static(getAbsoluteFSPath()));
  app.get('/projects/:id', (req, res) => {
    res.json({ id: req.params.id });
  });
  app.get('/catalogue', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=60').json([]);
  });
  app.get('/docsify', (_req, res) => {
    res.json({});
  });
  // Like the API's unknownRoute: answered by us, not by Express's final handler (which sets its
  // own CSP and would hide a missing one).
  app.use((_req, res) => {
    res.status(404).json({ code: 'UNKNOWN_ROUTE' });
  });
  return app;
}

describe('securityHeaders', () => {
  let server: Served;
  beforeAll(async () => {
    server = await serve(buildApp());
  });
  afterAll(() => server.close());

  it('makes API responses inert: deny-all CSP, nosniff, no referrer, no framing, no X-Powered-By', async () => {
    const response = await fetch(`${server.url}/projects/p-1`);
    expect(response.status).toBe(200);
    expect(directives(response.headers.get('Content-Security-Policy'))).toEqual({
      'default-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    expect(response.headers.get('X-Frame-Options')).toBe('DENY');
    expect(response.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
    expect(response.headers.get('X-Powered-By')).toBeNull();
    expect(response.headers.get('Strict-Transport-Security')).toBeNull();
  });

  it('marks API responses no-store by default, unless a route chooses its own caching', async () => {
    expect((await fetch(`${server.url}/projects/p-1`)).headers.get('Cache-Control')).toBe('no-store');
    expect((await fetch(`${server.url}/catalogue`)).headers.get('Cache-Control')).toBe('public, max-age=60');
  });

  it('covers answers no route gave (404s) too', async () => {
    const response = await fetch(`${server.url}/no/such/path`);
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Security-Policy')).toBe(
      "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
    );
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });

  it('gives the Swagger UI page and its assets the sources they need, and nothing more', async () => {
    for (const path of ['/docs', '/docs/', '/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      const csp = directives(response.headers.get('Content-Security-Policy'));
      expect(csp).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self' 'unsafe-inline'",
        'img-src': "'self' data:",
        'connect-src': "'self'",
        'object-src': "'none'",
        'frame-ancestors': "'none'",
      });
      // No inline or evaluated scripts, no third-party hosts.
      expect(response.headers.get('Content-Security-Policy')).not.toMatch(
        /unsafe-eval|https:|script-src[^;]*unsafe-inline/,
      );
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.get('Cache-Control')).not.toBe('no-store');
    }
  });

  it('keeps the API policy on paths that merely start like /docs', async () => {
    const lookalike = await fetch(`${server.url}/docsify`);
    expect(lookalike.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
  });
});

describe('securityHeaders with HSTS', () => {
  it('sends Strict-Transport-Security for a year when configured (deployments behind TLS)', async () => {
    const server = await serve(buildApp(true));
    try {
      for (const path of ['/projects/p-1', '/docs/']) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.headers.get('Strict-Transport-Security')).toBe('max-age=31536000');
      }
    } finally {
      await server.close();
    }
  });
});
