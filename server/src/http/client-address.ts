import { BlockList, isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * The proxies whose X-Forwarded-For is believed: loopback always (a proxy on the same machine),
 * plus TRUSTED_PROXIES, addresses or CIDR ranges like `10.0.0.0/8` (the load balancer's).
 */
export function trustedProxies(extra: string[] = []): BlockList {
  const list = new BlockList();
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addAddress('::1', 'ipv6');
  for (const entry of extra) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

/** TRUSTED_PROXIES' entries are checked at start (config.ts) by the same rule. */
export { isAddressOrRange } from '../net/address-range.ts';

const isTrusted = (proxies: BlockList, address: string) => {
  const plain = address.replace(/^::ffff:(?=\d+\.)/, '');
  const family = isIP(plain);
  return family !== 0 && proxies.check(plain, family === 6 ? 'ipv6' : 'ipv4');
};

/**
 * Who is asking, for per-client rate limits of public endpoints. The connection's address,
 * unless it is a trusted proxy: then X-Forwarded-For is read from the right (each proxy appends
 * the address it was called from) past every trusted proxy, and the first other address is the
 * client. What a client writes into the header itself comes earlier in the list and is never
 * reached, so nobody can pick their own address. Set once per request by `clientAddresses`.
 */
export function clientAddressOf(peer: string, forwardedFor: string | undefined, proxies: BlockList): string {
  if (!isTrusted(proxies, peer)) return peer;
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? '';
    if (!isTrusted(proxies, hop)) return hop;
  }
  return hops[0] ?? peer;
}

/** Middleware: works out the client's address once (see `clientAddressOf`) for `clientAddress(c)`. */
export function clientAddresses(proxies: BlockList): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    const peer = env?.incoming?.socket?.remoteAddress ?? 'unknown';
    c.set('clientAddress', clientAddressOf(peer, c.req.header('X-Forwarded-For'), proxies));
    await next();
  };
}

/** The client's address as `clientAddresses` found it. */
export function clientAddress(c: Context<AppEnv>): string {
  return c.get('clientAddress') ?? 'unknown';
}

/**
 * What per-client limits count: an IPv4 address as it is, an IPv6 address by its /64. One
 * subscriber gets a whole /64 (often more) and may use any address in it, so counting single
 * IPv6 addresses would give every client millions of fresh budgets.
 */
export function clientNetwork(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) !== 6) return address;
  const groups = expandIPv6(address).slice(0, 4);
  return `${compressIPv6([...groups, 0, 0, 0, 0])}/64`;
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail counts as two). */
function expandIPv6(address: string): number[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const parse = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [Number.parseInt(group, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const left = parse(head);
  if (tail === undefined) return left;
  const right = parse(tail);
  return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

/** The shortest text of eight groups (RFC 5952: the longest run of zero groups becomes "::"). */
function compressIPv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < groups.length && groups[end] === 0) end++;
    if (end - i > bestLength) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
