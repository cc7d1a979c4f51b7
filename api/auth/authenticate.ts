import type { RequestHandler } from 'express';
import type { OrgDirectory } from '../../engine/model/org';
import { ApiError } from '../errors';
import { sendProblem } from '../error-handler';
import { CredentialError, type Claimed } from './credentials';
import { principalFor, type Principal } from './principal';

/** Paths anyone may read: the health probe and the API's own description. */
export function isPublicPath(path: string): boolean {
  return path === '/healthz' || path === '/openapi.json' || path === '/docs' || path.startsWith('/docs/');
}

/** The credential of a request: `Authorization: Bearer <jwt or key>` or `X-Api-Key: <key>`. */
function readCredential(authorization: string | undefined, apiKey: string | undefined): string | undefined {
  if (apiKey !== undefined && apiKey.trim() !== '') return apiKey.trim();
  if (authorization === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) {
    throw new CredentialError(
      "the Authorization header must be 'Bearer <token>' (a JWT or an API key); Basic and other schemes are not accepted",
    );
  }
  return match[1];
}

function unauthenticated(res: Parameters<RequestHandler>[1], url: string, detail: string, error: string) {
  res.set('WWW-Authenticate', `Bearer realm="sop-engine", error="${error}"`);
  sendProblem(res, new ApiError('UNAUTHENTICATED', detail), url);
}

/** The authenticated caller of a request (set by {@link authenticate}). */
export function principalOf(res: { locals: Record<string, unknown> }): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Error('no principal: authenticate() must run before this route');
  return principal;
}

/**
 * Refuses every request but the public ones unless it carries a valid API key or JWT whose
 * subject is in the org directory; sets `res.locals.principal`. A 401 says exactly what is wrong.
 *
 * @example
 * app.use(authenticate(await createCredentialCheck(config), () => org, onDenied));
 */
export function authenticate(
  check: (token: string) => Promise<Claimed>,
  org: () => OrgDirectory,
  onRefused: (reason: string, path: string) => void = () => undefined,
): RequestHandler {
  return async (req, res, next) => {
    if (isPublicPath(req.path)) {
      next();
      return;
    }
    let claimed: Claimed;
    try {
      const token = readCredential(req.get('Authorization'), req.get('X-Api-Key'));
      if (token === undefined) {
        onRefused('missing', req.path);
        unauthenticated(
          res,
          req.originalUrl,
          "this endpoint needs credentials: send 'Authorization: Bearer <token>' (a JWT or an API key) or 'X-Api-Key: <key>'",
          'invalid_request',
        );
        return;
      }
      claimed = await check(token);
    } catch (error) {
      if (!(error instanceof CredentialError)) throw error;
      onRefused('invalid', req.path);
      unauthenticated(res, req.originalUrl, error.message, 'invalid_token');
      return;
    }
    const principal = principalFor(org(), claimed.user, claimed.roles, claimed.via);
    if (!principal) {
      onRefused('unknown-user', req.path);
      unauthenticated(
        res,
        req.originalUrl,
        `the credential names '${claimed.user}', who is not in the org directory (org.yaml); add the user there or use another credential`,
        'invalid_token',
      );
      return;
    }
    res.locals.principal = principal;
    next();
  };
}
