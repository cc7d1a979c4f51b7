import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The engine's version from its package.json, found by walking up from this file (it runs both
 * from `cli/` under ts-node/tsx and from `dist/cli/` once built).
 *
 * @example
 * readPackageVersion(); // => '0.1.0'
 */
export function readPackageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'sop-engine' && pkg.version) return pkg.version;
    } catch {
      // No package.json here: keep walking up.
    }
    if (dirname(dir) === dir) return '0.0.0-unknown';
  }
}
