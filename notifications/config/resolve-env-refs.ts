/** `env:NAME`: a value read from the environment when the worker starts. */
const ENV_REF = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

/** A value that could not be read from the environment, and why. */
export interface MissingEnv {
  readonly variable: string;
}

/**
 * The value of a setting: the environment variable it names (`env:FEISHU_SECRET`), or the text
 * itself when it is not a reference. An unset or empty variable is reported, not guessed.
 *
 * @example
 * resolveEnvRef('env:HOOK_SECRET', { HOOK_SECRET: 's3cret' }); // 's3cret'
 * resolveEnvRef('env:HOOK_SECRET', {}); // { variable: 'HOOK_SECRET' }
 * resolveEnvRef('https://hooks.example.com', {}); // 'https://hooks.example.com'
 */
export function resolveEnvRef(value: string, env: NodeJS.ProcessEnv): string | MissingEnv {
  const match = ENV_REF.exec(value);
  if (!match) return value;
  const variable = match[1]!;
  const resolved = env[variable];
  return resolved === undefined || resolved.trim() === '' ? { variable } : resolved.trim();
}

/**
 * True when a setting is written as an environment reference.
 *
 * @example
 * isEnvRef('env:SMTP_PASS'); // true
 */
export function isEnvRef(value: string): boolean {
  return ENV_REF.test(value);
}
