import { SignJWT } from 'jose';
import { DEFAULT_AUDIENCE } from './auth-config';

export interface MintOptions {
  readonly secret: string;
  readonly user: string;
  readonly roles?: readonly string[];
  readonly audience?: string;
  readonly issuer?: string;
  /** Lifetime, e.g. `8h` (jose's time span syntax). */
  readonly expiresIn?: string;
}

/**
 * Signs an HS256 token for a user: what `sop token` prints, what the examples and tests use.
 * Production deployments normally get tokens from their identity provider instead.
 *
 * @example
 * const token = await mintToken({ secret, user: 'he.yun' });
 * fetch(url, { headers: { Authorization: `Bearer ${token}` } });
 */
export async function mintToken(options: MintOptions): Promise<string> {
  const jwt = new SignJWT({ ...(options.roles?.length ? { roles: [...options.roles] } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.user)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h');
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
