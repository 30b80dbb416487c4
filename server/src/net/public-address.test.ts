import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { firstPublicIPv4, isPublicIPv4 } from './public-address.ts';

describe('whether the internet can reach an IPv4 address', () => {
  it.each([
    ['0.1.2.3', '"this network"'],
    ['10.0.0.1', 'private 10/8'],
    ['100.64.0.1', 'carrier NAT'],
    ['100.127.255.254', 'carrier NAT, its last address'],
    ['127.0.0.1', 'loopback'],
    ['169.254.10.20', 'link-local'],
    ['172.16.0.1', 'private 172.16/12'],
    ['172.31.255.254', 'private 172.16/12, its last address'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.10', 'documentation (TEST-NET-1)'],
    ['192.168.1.20', 'private 192.168/16'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.254', 'benchmarking, its last address'],
    ['198.51.100.7', 'documentation (TEST-NET-2)'],
    ['203.0.113.7', 'documentation (TEST-NET-3)'],
    ['224.0.0.251', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
  ])('cannot reach %s (%s)', (address) => {
    expect(isPublicIPv4(address)).toBe(false);
  });

  it.each([
    ['1.1.1.1'],
    ['8.8.8.8'],
    ['100.63.255.255'],
    ['100.128.0.1'],
    ['172.15.255.254'],
    ['172.32.0.1'],
    ['192.169.0.1'],
    ['198.20.0.1'],
    ['223.255.255.254'],
  ])('can reach %s (just outside a special range, or an ordinary address)', (address) => {
    expect(isPublicIPv4(address)).toBe(true);
  });
});

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '00:00:00:00:00:00',
  internal,
  cidr: `${address}/24`,
});
const v6 = (address: string): NetworkInterfaceInfo => ({
  address,
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '00:00:00:00:00:00',
  internal: false,
  cidr: `${address}/64`,
  scopeid: 0,
});

describe('the public IPv4 address of this machine', () => {
  it('is the first public IPv4 on its interfaces, in the order the system lists them', () => {
    expect(
      firstPublicIPv4({
        lo: [v4('127.0.0.1', true)],
        eth0: [v6('2001:db8::1'), v4('10.0.0.5'), v4('36.91.10.2')],
        eth1: [v4('103.10.20.30')],
      }),
    ).toBe('36.91.10.2');
  });

  it('is none on a machine behind NAT, with only private and IPv6 addresses', () => {
    expect(
      firstPublicIPv4({ lo: [v4('127.0.0.1', true)], ens3: [v4('172.31.4.9'), v6('2406:da18::5')] }),
    ).toBeUndefined();
    expect(firstPublicIPv4({})).toBeUndefined();
  });

  it('skips an interface the system marks internal, whatever its address', () => {
    expect(firstPublicIPv4({ dummy: [v4('36.91.10.2', true)], eth0: [v4('103.10.20.30')] })).toBe('103.10.20.30');
  });

  it('passes over an interface listed without addresses', () => {
    expect(firstPublicIPv4({ tun0: undefined, eth0: [v4('103.10.20.30')] })).toBe('103.10.20.30');
  });
});
