import { BlockList, isIPv4, isIPv6 } from 'node:net';

// The addresses a webhook may never reach unless MCI_WEBHOOKS_ALLOW_PRIVATE=1 (issue 14, ADR 0019): a
// partner must not be able to make the server call into its own network (SSRF). Loopback, private,
// shared (CGNAT), link-local (where cloud metadata lives: 169.254.169.254, fd00:ec2::254), unspecified,
// multicast and reserved ranges, in IPv4 and IPv6, and IPv4 written inside IPv6.

const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

/** True when a webhook must not be sent to `address` (an IP literal). Anything unparsable is refused. */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return BLOCKED.check(bare, 'ipv4');
  if (!isIPv6(bare)) return true;
  // IPv4-mapped and IPv4-compatible forms reach the IPv4 address they carry.
  const mapped = /^(?:0{0,4}:){0,5}(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1]) return isForbiddenAddress(mapped[1]);
  const hexMapped = /^(?:0{0,4}:){0,5}ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(bare);
  if (hexMapped?.[1] && hexMapped[2]) {
    const hi = Number.parseInt(hexMapped[1], 16);
    const lo = Number.parseInt(hexMapped[2], 16);
    return isForbiddenAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  return BLOCKED.check(bare, 'ipv6');
}
