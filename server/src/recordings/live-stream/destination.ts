import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../../http/errors.ts';
import { isPublicIPv4 } from '../../net/public-address.ts';

/**
 * Where a live stream may go. The address is what makes the server open a connection, so it is
 * input to distrust (server-side request forgery): only rtmp:// and rtmps://, a host, an
 * application path, no credentials, query or fragment; in production only hosts whose every
 * address is public (no loopback, private, link-local such as cloud metadata at 169.254.169.254,
 * carrier NAT or IPv6 unique-local), checked when it is saved and again before each connection.
 * Outside production loopback and private addresses are allowed (the tests' nginx-rtmp listens
 * on 127.0.0.1).
 */

const PROTOCOLS = new Set(['rtmp:', 'rtmps:']);
/** Control characters and spaces: never part of an address or key a service hands out. */
const UNPRINTABLE = /[\s\p{Cc}]/u;

export interface ParsedAddress {
  /** The address as it will be stored: no trailing slash. */
  address: string;
  protocol: 'rtmp' | 'rtmps';
  hostname: string;
}

const invalid = (path: 'address' | 'key', message: 'validation.streamAddress' | 'validation.streamKey') =>
  AppError.validation([{ path, message }]);

/** The address as stored, or a 422 naming what is wrong with it. */
export function parseStreamAddress(value: string): ParsedAddress {
  if (UNPRINTABLE.test(value)) throw invalid('address', 'validation.streamAddress');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('address', 'validation.streamAddress');
  }
  const hostname = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (
    !PROTOCOLS.has(url.protocol) ||
    hostname === '' ||
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== '' ||
    url.pathname.replace(/\/+$/, '') === ''
  ) {
    throw invalid('address', 'validation.streamAddress');
  }
  return {
    address: `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`,
    protocol: url.protocol === 'rtmps:' ? 'rtmps' : 'rtmp',
    hostname,
  };
}

/** The key as stored, or a 422: printable, no spaces (a query such as Facebook's `?s_bl=1` is fine). */
export function checkStreamKey(value: string): string {
  if (UNPRINTABLE.test(value) || value.startsWith('/')) throw invalid('key', 'validation.streamKey');
  return value;
}

/** The address ffmpeg publishes to: the application address, then the key as the stream name. */
export const publishUrl = (address: string, key: string) => `${address}/${key}`;

const NOT_PUBLIC_V6 = new BlockList();
for (const [network, bits] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC_V6.addSubnet(network, bits, 'ipv6');
}

/** Whether the internet reaches `address` (v4 or v6), i.e. it is none of the special-purpose ranges. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return isPublicIPv4(address);
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return isPublicIPv4(mapped[1]);
  return !NOT_PUBLIC_V6.check(address, 'ipv6');
}

export type ResolveHost = (hostname: string) => Promise<string[]>;

export const resolveWithSystem: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * In production, refuses (422) a host that is, or resolves to, an address the internet does not
 * reach, or that does not resolve at all. Outside production every host is allowed.
 */
export async function checkStreamHost(
  hostname: string,
  options: { publicOnly: boolean; resolve: ResolveHost },
): Promise<void> {
  if (!options.publicOnly) return;
  let addresses: string[];
  if (isIP(hostname) !== 0) {
    addresses = [hostname];
  } else {
    try {
      addresses = await options.resolve(hostname);
    } catch {
      throw AppError.validation([{ path: 'address', message: 'validation.streamHostUnknown' }]);
    }
  }
  if (addresses.length === 0 || !addresses.every(isPublicAddress)) {
    throw AppError.validation([{ path: 'address', message: 'validation.streamHostNotPublic' }]);
  }
}
