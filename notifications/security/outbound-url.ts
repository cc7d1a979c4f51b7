import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { OutboundPolicy } from '../config/channel-config';
import { matchAllowedHost, normaliseHost } from './host-allow-list';
import { isPrivateAddress } from './private-addresses';
import { refuseOutbound } from './refuse-outbound';

/** One resolved address of a host. */
export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves a host name to all its addresses (injectable, so tests can play a rebinding DNS). */
export type ResolveHost = (host: string) => Promise<readonly ResolvedAddress[]>;

/** The system resolver (`getaddrinfo`, like every other outbound connection of the process). */
export const resolveWithSystem: ResolveHost = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** A URL that passed every check, with the addresses it may be connected to. */
export interface OutboundTarget {
  readonly url: URL;
  readonly host: string;
  readonly addresses: readonly ResolvedAddress[];
}

/**
 * What is wrong with a URL before any lookup (scheme, allow-list), or undefined. Messages name
 * the host only: bot URLs carry access tokens in their path or query.
 *
 * @example
 * checkUrlShape('ftp://x', policy); // "uses ftp:, only https (or http to an allowed private receiver) is accepted"
 */
export function checkUrlShape(text: string, policy: OutboundPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `uses ${url.protocol}, only https (or http to an allowed private receiver) is accepted`;
  if (url.username || url.password) return 'must not carry a user name or password; use the secret field';
  const host = normaliseHost(url.hostname);
  const allowance = matchAllowedHost(host, policy.allowHosts);
  if (!allowance)
    return `goes to host '${host}', which is not in allowHosts (allowed: ${describeList(policy.allowHosts)})`;
  if (url.protocol === 'http:' && allowance !== 'exact' && !policy.allowPrivateNetworks)
    return `uses plain http to '${host}'; use https (http is only for private receivers listed exactly in allowHosts)`;
  return undefined;
}

/**
 * Checks an outbound URL right before a request: scheme and allow-list, then every address the
 * host resolves to. Loopback, private and link-local addresses are refused unless private
 * networks are allowed or the host is listed exactly; plain http only reaches such private
 * receivers. The caller connects to the returned addresses only, so a DNS answer that changes
 * between check and connect (rebinding) cannot slip through. A refusal is a non-retryable
 * `ApplicationFailure` (`OutboundRefused`): retrying would only be refused again.
 *
 * @example
 * const target = await resolveOutboundTarget('https://open.feishu.cn/open-apis/bot/v2/hook/…', policy, 'ops-feishu');
 * target.addresses[0]; // { address: '…', family: 4 }
 */
export async function resolveOutboundTarget(
  text: string,
  policy: OutboundPolicy,
  channel: string,
  resolve: ResolveHost = resolveWithSystem,
): Promise<OutboundTarget> {
  const problem = checkUrlShape(text, policy);
  if (problem) throw refuseOutbound(channel, `the URL ${problem}`);
  const url = new URL(text);
  const host = normaliseHost(url.hostname);
  const addresses = await resolveAllowedAddresses(host, policy, channel, resolve);
  if (url.protocol === 'http:' && addresses.some((a) => !isPrivateAddress(a.address)))
    throw refuseOutbound(channel, `plain http to '${host}' reaches a public address; use https`);
  return { url, host, addresses };
}

/**
 * The addresses of an allowed host (an SMTP server, or a URL's host), refusing private ones
 * without an allowance. Non-retryable `OutboundRefused` when refused.
 *
 * @example
 * await resolveAllowedAddresses('127.0.0.1', { allowHosts: ['127.0.0.1'], allowPrivateNetworks: false }, 'mail');
 */
export async function resolveAllowedAddresses(
  host: string,
  policy: OutboundPolicy,
  channel: string,
  resolve: ResolveHost = resolveWithSystem,
): Promise<readonly ResolvedAddress[]> {
  const name = normaliseHost(host);
  const allowance = matchAllowedHost(name, policy.allowHosts);
  if (!allowance)
    throw refuseOutbound(
      channel,
      `host '${name}' is not in allowHosts (allowed: ${describeList(policy.allowHosts)})`,
    );
  const family = isIP(name);
  // A lookup failure is transient (DNS down) and retryable: let it throw as it is.
  const addresses: readonly ResolvedAddress[] =
    family === 0 ? await resolve(name) : [{ address: name, family: family === 6 ? 6 : 4 }];
  if (addresses.length === 0) throw new Error(`host '${name}' resolved to no address`);
  const inward = addresses.filter((a) => isPrivateAddress(a.address));
  if (inward.length > 0 && allowance !== 'exact' && !policy.allowPrivateNetworks) {
    throw refuseOutbound(
      channel,
      `host '${name}' resolves to the private or loopback address ${inward[0]!.address}; ` +
        `list '${name}' exactly in allowHosts or set allowPrivateNetworks: true if that is intended`,
    );
  }
  return addresses;
}

function describeList(hosts: readonly string[]): string {
  return hosts.length === 0 ? 'none' : hosts.join(', ');
}
