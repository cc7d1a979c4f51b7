/**
 * Matching hosts against `allowHosts`: exact entries (`open.feishu.cn`, `127.0.0.1`, `::1`) and
 * `*.domain` wildcards (subdomains only). Comparison ignores case, a trailing dot and IPv6
 * brackets, so `[::1]` in a URL matches `::1` in the list.
 */

/** How a host matched the allow-list. */
export type HostAllowance = 'exact' | 'wildcard' | undefined;

/**
 * A host as written in a URL or the list, normalised for comparison.
 *
 * @example
 * normaliseHost('[::1]'); // '::1'
 * normaliseHost('Open.Feishu.cn.'); // 'open.feishu.cn'
 */
export function normaliseHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/**
 * Whether `host` is allowed, and how: an exact entry (trusted wherever it resolves, including
 * private networks) or a wildcard (public addresses only, unless private networks are allowed).
 *
 * @example
 * matchAllowedHost('hooks.slack.com', ['*.slack.com']); // 'wildcard'
 * matchAllowedHost('127.0.0.1', ['127.0.0.1']); // 'exact'
 * matchAllowedHost('evil.example', ['*.slack.com']); // undefined
 */
export function matchAllowedHost(host: string, allowHosts: readonly string[]): HostAllowance {
  const wanted = normaliseHost(host);
  let found: HostAllowance;
  for (const entry of allowHosts.map(normaliseHost)) {
    if (entry === wanted) return 'exact';
    if (entry.startsWith('*.') && wanted.endsWith(entry.slice(1)) && wanted.length > entry.length - 1)
      found = 'wildcard';
  }
  return found;
}
