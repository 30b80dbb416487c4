import { BlockList } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';

/**
 * IPv4 ranges nobody on the internet reaches this machine at: private, shared (carrier NAT),
 * loopback, link-local, documentation, benchmarking, multicast and reserved (RFC 6890).
 */
const NOT_PUBLIC = new BlockList();
for (const [network, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, bits, 'ipv4');
}

/** Whether the internet can reach an IPv4 address (it is in none of the special-purpose ranges). */
export function isPublicIPv4(address: string): boolean {
  return !NOT_PUBLIC.check(address, 'ipv4');
}

/** The first public IPv4 address on this machine's interfaces, in the order the system lists them. */
export function firstPublicIPv4(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string | undefined {
  for (const addresses of Object.values(interfaces)) {
    for (const info of addresses ?? []) {
      if (info.family === 'IPv4' && !info.internal && isPublicIPv4(info.address)) return info.address;
    }
  }
  return undefined;
}
