/**
 * Response headers that make the API's answers inert in a browser. API responses are JSON and
 * never need to load anything, so their Content-Security-Policy allows nothing; only the Swagger
 * UI page under `/docs` gets the few sources it needs.
 */
import type { Request, RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/** One year, the value HSTS preload lists and scanners expect. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** A JSON response has nothing to run, style, frame or submit: deny every fetch directive. */
const API_CSP = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Swagger UI, served from our own origin: its bundle and CSS are same-origin files, React sets
 * inline `style` attributes (hence `'unsafe-inline'` for styles only, never scripts), its icons
 * are `data:` images, and "Try it out" fetches the API itself. No CDN, no eval.
 */
const DOCS_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export interface SecurityHeadersOptions {
  /**
   * Send `Strict-Transport-Security`. Only when clients reach the API over HTTPS (directly or
   * through a TLS-terminating proxy): browsers then refuse plain HTTP to this host for a year.
   */
  readonly hsts?: boolean;
  /** Where the Swagger UI page lives; its assets are under `${docsPath}/`. */
  readonly docsPath?: string;
}

function helmetOptions(csp: Record<string, string[]>, hsts: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: csp },
    strictTransportSecurity: hsts ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false } : false,
    // Nothing here should ever be framed; DENY also covers browsers without frame-ancestors.
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  };
}

/**
 * Middleware: helmet's headers (nosniff, no-referrer, frame denial, cross-origin isolation, no
 * `X-Powered-By`) with a deny-all CSP on API responses and Swagger UI's CSP on `/docs`. API
 * responses also default to `Cache-Control: no-store` (project state changes and may be
 * personal); a route that can be cached sets its own header, which wins.
 *
 * @example
 * app.disable('x-powered-by');
 * app.use(securityHeaders({ hsts: hardening.hsts }));
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): RequestHandler {
  const hsts = options.hsts ?? false;
  const docsPath = options.docsPath ?? '/docs';
  const forApi = helmet(helmetOptions(API_CSP, hsts));
  const forDocs = helmet(helmetOptions(DOCS_CSP, hsts));
  const isDocs = (req: Request) => req.path === docsPath || req.path.startsWith(`${docsPath}/`);
  return (req, res, next) => {
    if (isDocs(req)) {
      // Static assets keep express.static's caching: the page is the same for everyone.
      forDocs(req, res, next);
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    forApi(req, res, next);
  };
}
