import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where `npm start` keeps the development JWT secret when nothing else is configured. */
export function devSecretFile(dataDir: string): string {
  return join(dataDir, 'dev-jwt-secret');
}

/**
 * The development HS256 secret in DATA_DIR, created (random, owner-only) on first use. Only the
 * embedded, laptop set-up uses it; a deployment must configure its own credentials.
 *
 * @example
 * const secret = ensureDevSecret('./data'); // 64 hex characters, the same on every restart
 */
export function ensureDevSecret(dataDir: string): string {
  const file = devSecretFile(dataDir);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

/**
 * The secret `sop token` signs with: SOP_JWT_SECRET, else the development secret of DATA_DIR
 * (default ./data), else undefined.
 */
export function readSigningSecret(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const configured = env.SOP_JWT_SECRET?.trim();
  if (configured) return configured;
  const file = devSecretFile(resolve(cwd, env.DATA_DIR?.trim() || 'data'));
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}
