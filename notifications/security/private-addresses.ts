import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must not reach by accident: loopback, private (RFC 1918, IPv6 unique
 * local), link-local, CGNAT, "this network" and unspecified. A URL that resolves into them could
 * make the worker call internal services (SSRF), so they need an explicit allowance.
 */
const PRIVATE_RANGES = ((): BlockList => {
  const list = new BlockList();
  list.addSubnet('0.0.0.0', 8, 'ipv4');
  list.addSubnet('10.0.0.0', 8, 'ipv4');
  list.addSubnet('100.64.0.0', 10, 'ipv4');
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addSubnet('169.254.0.0', 16, 'ipv4');
  list.addSubnet('172.16.0.0', 12, 'ipv4');
  list.addSubnet('192.168.0.0', 16, 'ipv4');
  list.addAddress('::', 'ipv6');
  list.addAddress('::1', 'ipv6');
  list.addSubnet('fc00::', 7, 'ipv6');
  list.addSubnet('fe80::', 10, 'ipv6');
  return list;
})();

/** `::ffff:10.0.0.1` reaches 10.0.0.1: check the IPv4 address inside. */
const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/**
 * True when `address` (an IP literal) is loopback, private or link-local.
 *
 * @example
 * isPrivateAddress('127.0.0.1'); // true
 * isPrivateAddress('::ffff:192.168.1.4'); // true
 * isPrivateAddress('93.184.216.34'); // false
 */
export function isPrivateAddress(address: string): boolean {
  const mapped = MAPPED_IPV4.exec(address);
  if (mapped) return PRIVATE_RANGES.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) throw new Error(`'${address}' is not an IP address`);
  return PRIVATE_RANGES.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
