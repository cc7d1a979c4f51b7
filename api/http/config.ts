/**
 * The hardening settings, read from environment variables. A pure function of the env object,
 * so the server can merge its problems with its own configuration's and tests need no process
 * state. Every problem names the variable, its value and an example of a right one; see
 * docs/hardening.md.
 */
import { isIP } from 'node:net';
import { LOG_LEVELS, type LogLevel } from './logging';
import { parseRateRule, type RateLimitRule } from './rate-rule';

/** Express's `trust proxy`: not at all, a number of proxy hops, or the proxies' addresses. */
export type TrustProxy = false | number | string;

export interface HttpHardening {
  /** Browser origins allowed to call the API; `[]` means no CORS. */
  readonly corsOrigins: readonly string[] | '*';
  readonly rateLimits: {
    /** `POST /projects`, per principal (or client address). */
    readonly kickoff: RateLimitRule | 'off';
    /** `POST /projects/:id/actions`, per principal (or client address). */
    readonly actions: RateLimitRule | 'off';
  };
  /** The largest JSON body, as express.json reads it (`256kb`). */
  readonly bodyLimit: string;
  readonly logLevel: LogLevel;
  /** Send Strict-Transport-Security (only behind HTTPS). */
  readonly hsts: boolean;
  readonly trustProxy: TrustProxy;
}

/** The defaults, as written in the environment; exported for docs and messages. */
export const HARDENING_DEFAULTS = {
  SOP_CORS_ORIGINS: '',
  SOP_RATE_LIMIT_KICKOFF: '120/min',
  SOP_RATE_LIMIT_ACTIONS: '600/min',
  SOP_BODY_LIMIT: '256kb',
  SOP_LOG_LEVEL: 'info',
  SOP_HSTS: 'false',
  SOP_TRUST_PROXY: 'false',
} as const;

/** Settings that cannot work; `problems` has one line per bad variable. */
export class HardeningConfigError extends Error {
  override readonly name = 'HardeningConfigError';
  constructor(readonly problems: readonly string[]) {
    super(
      `[CONFIG] Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'See docs/hardening.md.',
    );
  }
}

type Env = Readonly<Record<string, string | undefined>>;
type Read<T> = T | { readonly error: string };

const isError = <T>(value: Read<T>): value is { readonly error: string } =>
  typeof value === 'object' && value !== null && 'error' in value;

function parseOrigins(text: string): Read<readonly string[] | '*'> {
  if (text === '*') return '*';
  const origins = new Set<string>();
  for (const entry of text.split(',').map((e) => e.trim())) {
    if (entry === '') continue;
    if (entry === '*') return { error: "'*' allows every origin and cannot be combined with others" };
    let origin: string | undefined;
    try {
      const url = new URL(entry);
      if (url.protocol === 'http:' || url.protocol === 'https:') origin = url.origin;
    } catch {
      // Not a URL at all: reported below.
    }
    if (origin === undefined) {
      return {
        error: `'${entry}' is not an http(s) origin; e.g. https://app.example.com,http://localhost:5173`,
      };
    }
    // Browsers send the serialised origin; anything else (a path, a trailing slash, capitals)
    // would never match, silently.
    if (origin !== entry) {
      return {
        error: `'${entry}' is not written as an origin (scheme://host[:port]); did you mean ${origin}?`,
      };
    }
    origins.add(origin);
  }
  return [...origins];
}

const BYTE_UNITS = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;
/** Kickoff and action bodies are small forms; below this even a minimal kickoff may not fit. */
const MIN_BODY_BYTES = 1024;
/** Temporal refuses payloads over 2 MB by default, so a larger body could never reach a project. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

function parseBodyLimit(text: string): Read<string> {
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(text);
  if (!match) return { error: 'must be a size in b, kb or mb, e.g. 256kb or 1mb' };
  const unit = (match[2] ?? 'b').toLowerCase() as keyof typeof BYTE_UNITS;
  const bytes = Number(match[1]) * BYTE_UNITS[unit];
  if (bytes < MIN_BODY_BYTES || bytes > MAX_BODY_BYTES) {
    return { error: 'must be from 1kb to 2mb (Temporal refuses larger payloads), e.g. 256kb' };
  }
  return `${match[1]}${unit}`;
}

function parseLogLevel(text: string): Read<LogLevel> {
  const level = LOG_LEVELS.find((l) => l === text.toLowerCase());
  return level ?? { error: `must be one of ${LOG_LEVELS.join(', ')}, e.g. info` };
}

function parseSwitch(text: string): Read<boolean> {
  const value = text.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  return { error: 'must be true or false (also 1/0, yes/no, on/off)' };
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const TRUST_PROXY_EXAMPLES = 'e.g. 1 (one proxy in front), loopback, or 10.0.0.0/8,loopback';

function isAddressOrSubnet(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function parseTrustProxy(text: string): Read<TrustProxy> {
  const value = text.toLowerCase();
  if (['false', 'no', 'off', '0'].includes(value)) return false;
  if (['true', 'yes', 'on'].includes(value)) {
    // `true` believes X-Forwarded-For from anyone: any client could pick its own address and
    // so its own rate-limit bucket.
    return {
      error: `true would let any client fake its address with X-Forwarded-For; ${TRUST_PROXY_EXAMPLES}`,
    };
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 10 ? hops : { error: `must be at most 10 proxy hops; ${TRUST_PROXY_EXAMPLES}` };
  }
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !PROXY_NAMES.includes(e) && !isAddressOrSubnet(e));
  if (bad !== undefined) {
    return {
      error: `'${bad}' is neither a proxy address, a subnet nor one of ${PROXY_NAMES.join(', ')}; ${TRUST_PROXY_EXAMPLES}`,
    };
  }
  return entries.join(',');
}

/**
 * Reads the hardening settings from `env`, throwing a {@link HardeningConfigError} that lists
 * every bad variable at once. Empty values count as unset.
 *
 * @example
 * parseHttpHardening({ SOP_RATE_LIMIT_KICKOFF: '60/min' }).rateLimits.kickoff; // { limit: 60, windowMs: 60000 }
 * parseHttpHardening({ SOP_HSTS: 'maybe' });
 * // throws: SOP_HSTS="maybe": must be true or false (also 1/0, yes/no, on/off)
 */
export function parseHttpHardening(env: Env): HttpHardening {
  const problems: string[] = [];
  function read<T>(name: keyof typeof HARDENING_DEFAULTS, parse: (text: string) => Read<T>): T {
    const given = env[name]?.trim();
    const text = given === undefined || given === '' ? HARDENING_DEFAULTS[name] : given;
    const value = parse(text);
    if (!isError(value)) return value;
    problems.push(`${name}=${JSON.stringify(env[name] ?? '')}: ${value.error}`);
    // Carry on with the default, so one run reports every bad variable; the problems throw below.
    return parse(HARDENING_DEFAULTS[name]) as T;
  }
  const hardening: HttpHardening = {
    corsOrigins: read('SOP_CORS_ORIGINS', (text) => (text === '' ? [] : parseOrigins(text))),
    rateLimits: {
      kickoff: read('SOP_RATE_LIMIT_KICKOFF', parseRateRule),
      actions: read('SOP_RATE_LIMIT_ACTIONS', parseRateRule),
    },
    bodyLimit: read('SOP_BODY_LIMIT', parseBodyLimit),
    logLevel: read('SOP_LOG_LEVEL', parseLogLevel),
    hsts: read('SOP_HSTS', parseSwitch),
    trustProxy: read('SOP_TRUST_PROXY', parseTrustProxy),
  };
  if (problems.length > 0) throw new HardeningConfigError(problems);
  return hardening;
}
