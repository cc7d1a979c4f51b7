import { timingSafeEqual } from 'node:crypto';
import { importSPKI, jwtVerify, type JWTPayload } from 'jose';
import type { ApiKeyEntry, AuthConfig, JwtConfig } from './auth-config';
import { keyDigest } from './auth-config';

/** Who a credential says the caller is, before the org directory is consulted. */
export interface Claimed {
  readonly user: string;
  readonly roles: readonly string[];
  readonly via: 'api-key' | 'jwt';
}

/** Why a credential was refused, in words for the 401 answer. */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
}

/** A JWT has three dot-separated base64url parts; anything else is tried as an API key. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

/**
 * The user an API key stands for. Keys are compared by their sha256 in constant time, so neither
 * timing nor the process's memory gives a key away.
 *
 * @example
 * matchApiKey(config.apiKeys, 'k_0123456789abcdef'); // 'oa-bridge'
 */
export function matchApiKey(keys: readonly ApiKeyEntry[], key: string): string | undefined {
  const digest = Buffer.from(keyDigest(key), 'hex');
  let found: string | undefined;
  for (const entry of keys) {
    // Every entry is compared (no early exit) so the time taken does not tell how far the scan went.
    if (timingSafeEqual(digest, Buffer.from(entry.sha256, 'hex')) && found === undefined) found = entry.user;
  }
  return found;
}

function rolesFrom(payload: JWTPayload, claim: string): string[] {
  const value = payload[claim];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

type Verifier = (token: string) => Promise<JWTPayload>;

/** Builds the JWT verifier once: keys imported, algorithms pinned to the configured ones. */
export async function createJwtVerifier(jwt: JwtConfig): Promise<Verifier> {
  const options = {
    audience: jwt.audience,
    ...(jwt.issuer !== undefined ? { issuer: jwt.issuer } : {}),
    clockTolerance: 30,
    requiredClaims: ['sub', 'exp'],
  };
  const hmac = jwt.secret !== undefined ? new TextEncoder().encode(jwt.secret) : undefined;
  const rsa = jwt.publicKeyPem !== undefined ? await importSPKI(jwt.publicKeyPem, 'RS256') : undefined;
  return async (token) => {
    const algorithm = readAlgorithm(token);
    if (algorithm === 'HS256' && hmac) {
      return (await jwtVerify(token, hmac, { ...options, algorithms: ['HS256'] })).payload;
    }
    if (algorithm === 'RS256' && rsa) {
      return (await jwtVerify(token, rsa, { ...options, algorithms: ['RS256'] })).payload;
    }
    const accepted = [hmac ? 'HS256' : undefined, rsa ? 'RS256' : undefined].filter(Boolean).join(' or ');
    throw new CredentialError(
      `the token is signed with ${algorithm ?? 'no algorithm'}; this server accepts ${accepted}`,
    );
  };
}

function readAlgorithm(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as {
      alg?: unknown;
    };
    return typeof header.alg === 'string' ? header.alg : undefined;
  } catch {
    throw new CredentialError('the token header is not base64url-encoded JSON');
  }
}

/** jose's errors carry a `code` such as ERR_JWT_EXPIRED; say what to do about each. */
function explainJwtError(error: unknown, jwt: JwtConfig): string {
  const code = (error as { code?: string }).code;
  const claim = (error as { claim?: string }).claim;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired; get a new one';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature does not verify with the configured key';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'aud') return `the token's audience must be '${jwt.audience}'`;
      if (claim === 'iss') return `the token's issuer must be '${jwt.issuer ?? ''}'`;
      return `the token's '${claim ?? '?'}' claim is missing or invalid`;
    default:
      return error instanceof CredentialError ? error.message : 'the token is malformed';
  }
}

/**
 * Checks one bearer token or API key against the configuration: who it names, or a
 * CredentialError saying why not.
 *
 * @example
 * const check = await createCredentialCheck(config);
 * await check('eyJhbGciOi…'); // { user: 'li.na', roles: [], via: 'jwt' }
 */
export async function createCredentialCheck(
  config: AuthConfig,
): Promise<(token: string) => Promise<Claimed>> {
  const verify = config.jwt ? await createJwtVerifier(config.jwt) : undefined;
  return async (token) => {
    if (looksLikeJwt(token)) {
      if (!verify || !config.jwt) throw new CredentialError('this server accepts no JWTs; use an API key');
      let payload: JWTPayload;
      try {
        payload = await verify(token);
      } catch (error) {
        throw new CredentialError(explainJwtError(error, config.jwt));
      }
      return { user: payload.sub!, roles: rolesFrom(payload, config.jwt.rolesClaim), via: 'jwt' };
    }
    const user = matchApiKey(config.apiKeys, token);
    if (!user) throw new CredentialError('the API key is not known');
    return { user, roles: [], via: 'api-key' };
  };
}
