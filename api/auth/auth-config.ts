/**
 * How callers authenticate, read from the environment: API keys for systems and scripts, JWT
 * bearer tokens (HS256 with a shared secret, RS256 with the issuer's public key) for people
 * signed in elsewhere. See docs/security.md.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** One configured API key: who it stands for and the sha256 of the key itself. */
export interface ApiKeyEntry {
  readonly user: string;
  /** sha256 of the key, hex: the process never keeps keys it does not need to. */
  readonly sha256: string;
}

export interface JwtConfig {
  /** HS256 shared secret (at least 32 bytes). */
  readonly secret?: string;
  /** RS256 public key, PEM (SPKI). */
  readonly publicKeyPem?: string;
  readonly issuer?: string;
  readonly audience: string;
  /** The claim listing extra roles (default `roles`). */
  readonly rolesClaim: string;
}

export interface AuthConfig {
  readonly apiKeys: readonly ApiKeyEntry[];
  readonly jwt?: JwtConfig;
}

export const DEFAULT_AUDIENCE = 'sop-engine';
const MIN_SECRET_BYTES = 32;
const USER_ID = /^[A-Za-z0-9._-]+$/;
const SHA256 = /^sha256:([0-9a-f]{64})$/i;

/** sha256 of a key, hex. */
export function keyDigest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function parseApiKeys(text: string | undefined, problems: string[]): ApiKeyEntry[] {
  if (text === undefined) return [];
  const entries: ApiKeyEntry[] = [];
  for (const [index, raw] of text.split(',').entries()) {
    const item = raw.trim();
    if (item === '') continue;
    const at = item.indexOf('=');
    const user = at > 0 ? item.slice(0, at).trim() : '';
    const key = at > 0 ? item.slice(at + 1).trim() : '';
    if (!USER_ID.test(user) || key === '') {
      problems.push(
        `SOP_API_KEYS: entry ${index + 1} must be <user-id>=<key> or <user-id>=sha256:<hex>, e.g. oa-bridge=k_3f9a…`,
      );
      continue;
    }
    const hashed = SHA256.exec(key);
    if (!hashed && key.length < 16) {
      problems.push(
        `SOP_API_KEYS: the key of '${user}' is shorter than 16 characters; use a long random key`,
      );
      continue;
    }
    entries.push({ user, sha256: hashed ? hashed[1]!.toLowerCase() : keyDigest(key) });
  }
  return entries;
}

function readPublicKey(env: NodeJS.ProcessEnv, problems: string[]): string | undefined {
  const inline = env.SOP_JWT_PUBLIC_KEY?.trim();
  const file = env.SOP_JWT_PUBLIC_KEY_FILE?.trim();
  if (inline && file) problems.push('SOP_JWT_PUBLIC_KEY and SOP_JWT_PUBLIC_KEY_FILE are both set; set one');
  if (file) {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      problems.push(
        `SOP_JWT_PUBLIC_KEY_FILE=${JSON.stringify(file)}: cannot be read (${(error as Error).message})`,
      );
      return undefined;
    }
  }
  return inline ? inline.replace(/\\n/g, '\n') : undefined;
}

function parseJwt(env: NodeJS.ProcessEnv, problems: string[]): JwtConfig | undefined {
  const secret = env.SOP_JWT_SECRET?.trim() || undefined;
  const publicKeyPem = readPublicKey(env, problems);
  if (secret !== undefined && Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    problems.push(
      `SOP_JWT_SECRET: must be at least ${MIN_SECRET_BYTES} bytes (e.g. \`openssl rand -hex 32\`)`,
    );
  }
  if (publicKeyPem !== undefined && !publicKeyPem.includes('BEGIN PUBLIC KEY')) {
    problems.push('SOP_JWT_PUBLIC_KEY: must be a PEM public key (-----BEGIN PUBLIC KEY----- …)');
  }
  if (secret === undefined && publicKeyPem === undefined) return undefined;
  return {
    ...(secret !== undefined ? { secret } : {}),
    ...(publicKeyPem !== undefined ? { publicKeyPem } : {}),
    ...(env.SOP_JWT_ISSUER?.trim() ? { issuer: env.SOP_JWT_ISSUER.trim() } : {}),
    audience: env.SOP_JWT_AUDIENCE?.trim() || DEFAULT_AUDIENCE,
    rolesClaim: env.SOP_JWT_ROLES_CLAIM?.trim() || 'roles',
  };
}

/**
 * Reads `SOP_API_KEYS`, `SOP_JWT_SECRET`, `SOP_JWT_PUBLIC_KEY(_FILE)`, `SOP_JWT_ISSUER`,
 * `SOP_JWT_AUDIENCE` and `SOP_JWT_ROLES_CLAIM`; returns the config and every problem found.
 *
 * @example
 * readAuthConfig({ SOP_API_KEYS: 'oa-bridge=k_0123456789abcdef' }).config.apiKeys[0].user; // 'oa-bridge'
 */
export function readAuthConfig(env: NodeJS.ProcessEnv): { config: AuthConfig; problems: string[] } {
  const problems: string[] = [];
  const apiKeys = parseApiKeys(env.SOP_API_KEYS, problems);
  const jwt = parseJwt(env, problems);
  return { config: { apiKeys, ...(jwt ? { jwt } : {}) }, problems };
}

/** True when at least one way to authenticate is configured. */
export function hasCredentials(config: AuthConfig): boolean {
  return config.apiKeys.length > 0 || config.jwt !== undefined;
}
