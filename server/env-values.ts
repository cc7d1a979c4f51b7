/**
 * Readers for single environment variables. Each returns the parsed value or records a problem
 * that names the variable, its value and what would be accepted, so a bad deployment fails with
 * one message listing everything to fix instead of one problem per restart.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** The environment being read plus the problems found so far. */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly cwd: string,
  ) {}

  /** The trimmed value, or undefined when unset or empty (an empty `PORT=` in a compose file means "default"). */
  read(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** Records a problem with `name`'s value. */
  reject(name: string, why: string): void {
    this.problems.push(`${name}=${JSON.stringify(this.env[name] ?? '')}: ${why}`);
  }

  /** A TCP port, 1–65535. */
  readPort(name: string, fallback: number): number {
    const text = this.read(name);
    if (text === undefined) return fallback;
    const port = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      this.reject(name, 'must be a port number from 1 to 65535, e.g. ' + String(fallback));
      return fallback;
    }
    return port;
  }

  /** A string matching `pattern` (described by `expected` in the message). */
  readMatching(name: string, fallback: string, pattern: RegExp, expected: string): string {
    const text = this.read(name);
    if (text === undefined) return fallback;
    if (!pattern.test(text)) {
      this.reject(name, `must be ${expected}`);
      return fallback;
    }
    return text;
  }

  /** An optional string matching `pattern`. */
  readOptionalMatching(name: string, pattern: RegExp, expected: string): string | undefined {
    const text = this.read(name);
    if (text !== undefined && !pattern.test(text)) {
      this.reject(name, `must be ${expected}`);
      return undefined;
    }
    return text;
  }

  /** A directory path, made absolute against the working directory; `mustExist` checks it is there. */
  readDirectory(name: string, fallback: string, mustExist: boolean): string {
    const path = resolve(this.cwd, this.read(name) ?? fallback);
    if (mustExist && !(existsSync(path) && statSync(path).isDirectory())) {
      this.reject(name, `the directory ${path} does not exist`);
    }
    return path;
  }

  /** An optional path to an existing, readable file (TLS material), made absolute. */
  readFile(name: string): string | undefined {
    const text = this.read(name);
    if (text === undefined) return undefined;
    const path = resolve(this.cwd, text);
    if (!(existsSync(path) && statSync(path).isFile())) {
      this.reject(name, `the file ${path} does not exist`);
      return undefined;
    }
    return path;
  }

  /** A yes/no switch: 1/true/yes/on or 0/false/no/off. */
  readSwitch(name: string): boolean | undefined {
    const text = this.read(name)?.toLowerCase();
    if (text === undefined) return undefined;
    if (['1', 'true', 'yes', 'on'].includes(text)) return true;
    if (['0', 'false', 'no', 'off'].includes(text)) return false;
    this.reject(name, 'must be true or false (also 1/0, yes/no, on/off)');
    return undefined;
  }
}

const UNIT_SECONDS = { h: 3600, d: 86_400, w: 7 * 86_400 } as const;
const MIN_RETENTION_SECONDS = 86_400;

/**
 * Parses a retention like `30d`, `72h` or `8w` into seconds. At least one day: Temporal clusters
 * refuse less, and a closed project should stay readable for at least a working day.
 */
export function parseRetention(text: string): number | string {
  const match = /^(\d+)\s*([hdw])$/i.exec(text.trim());
  if (!match) return 'must be a whole number of hours, days or weeks, e.g. 30d, 72h or 8w';
  const unit = match[2]!.toLowerCase() as keyof typeof UNIT_SECONDS;
  const seconds = Number(match[1]) * UNIT_SECONDS[unit];
  if (seconds < MIN_RETENTION_SECONDS) return 'must be at least 1 day (24h)';
  return seconds;
}
