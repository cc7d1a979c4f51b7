import type { Command } from 'commander';
import { readSigningSecret } from '../../api/auth/dev-secret';
import { mintToken } from '../../api/auth/mint-token';
import { UsageError } from '../usage-error';

/**
 * `sop token <user>`: prints an HS256 bearer token for a user, signed with SOP_JWT_SECRET or the
 * development secret `npm start` keeps in DATA_DIR, for curl and scripts.
 *
 * @example
 * registerTokenCommand(program); // TOKEN=$(npx sop token he.yun)
 */
export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('print a bearer token for a user (signed with SOP_JWT_SECRET or the dev secret in DATA_DIR)')
    .argument('<user>', 'a user id from org.yaml, e.g. he.yun')
    .option('--roles <roles>', 'extra roles, comma-separated (granted on top of org.yaml)')
    .option('--expires <span>', 'lifetime, e.g. 30m, 8h, 7d', '8h')
    .action(async (user: string, options: { roles?: string; expires: string }) => {
      const secret = readSigningSecret(process.env, process.cwd());
      if (!secret) {
        throw new UsageError(
          'no signing secret: set SOP_JWT_SECRET, or run `npm start` once so it creates the development secret in DATA_DIR (default ./data)',
        );
      }
      if (!/^\d+\s*(s|m|h|d|w)$/.test(options.expires)) {
        throw new UsageError(`--expires ${options.expires}: give a number and a unit, e.g. 30m, 8h or 7d`);
      }
      const roles =
        options.roles
          ?.split(',')
          .map((r) => r.trim())
          .filter(Boolean) ?? [];
      const token = await mintToken({
        secret,
        user,
        roles,
        expiresIn: options.expires,
        ...(process.env.SOP_JWT_AUDIENCE ? { audience: process.env.SOP_JWT_AUDIENCE } : {}),
        ...(process.env.SOP_JWT_ISSUER ? { issuer: process.env.SOP_JWT_ISSUER } : {}),
      });
      process.stdout.write(`${token}\n`);
    });
}
