import { describe, expect, it } from 'vitest';
import { clientAddressOf, clientNetwork, isAddressOrRange, trustedProxies } from './client-address.ts';

describe('the client address behind proxies', () => {
  const loopbackOnly = trustedProxies();
  const behindBalancer = trustedProxies(['10.0.0.0/8', '2001:db8::/32']);

  it('is the connection’s address when nothing trusted stands in between, whatever the header says', () => {
    expect(clientAddressOf('203.0.113.9', '198.51.100.1', loopbackOnly)).toBe('203.0.113.9');
    expect(clientAddressOf('10.0.0.5', '198.51.100.1', loopbackOnly)).toBe('10.0.0.5');
  });

  it('is what a proxy on the same machine appended, not what the client wrote before it', () => {
    expect(clientAddressOf('127.0.0.1', '1.2.3.4, 203.0.113.9', loopbackOnly)).toBe('203.0.113.9');
    expect(clientAddressOf('::ffff:127.0.0.1', '203.0.113.9', loopbackOnly)).toBe('203.0.113.9');
    expect(clientAddressOf('127.0.0.1', undefined, loopbackOnly)).toBe('127.0.0.1');
  });

  it('walks back past every trusted load balancer and proxy to the first other address', () => {
    expect(clientAddressOf('10.0.0.5', 'forged, 203.0.113.9, 10.1.2.3', behindBalancer)).toBe('203.0.113.9');
    expect(clientAddressOf('10.0.0.5', '2001:db8::7, 2001:db8::1', behindBalancer)).toBe('2001:db8::7');
    expect(clientAddressOf('2001:db8::1', '2a00:1450::1', behindBalancer)).toBe('2a00:1450::1');
  });

  it('accepts addresses and ranges, and nothing else, as TRUSTED_PROXIES', () => {
    for (const good of ['10.0.0.1', '10.0.0.0/8', '::1', '2001:db8::/32', '0.0.0.0/0']) {
      expect(isAddressOrRange(good), good).toBe(true);
    }
    for (const bad of ['10.0.0.0/33', 'lb.internal', '10.0.0/8', '10.0.0.0/8/1', '2001:db8::/129', '10.0.0.0/x']) {
      expect(isAddressOrRange(bad), bad).toBe(false);
    }
  });
});

describe('the client network rate limits count', () => {
  it('is the address itself for IPv4 (also when written IPv4-mapped), and the /64 for IPv6', () => {
    expect(clientNetwork('203.0.113.9')).toBe('203.0.113.9');
    expect(clientNetwork('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientNetwork('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:DB8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8:0:0:1::1')).toBe('2001:db8::/64');
    expect(clientNetwork('::1')).toBe('::/64');
    expect(clientNetwork('2001:db8:1:3::a')).not.toBe(clientNetwork('2001:db8:1:2::a'));
  });

  it('is what it was given when that is no address (no peer known)', () => {
    expect(clientNetwork('unknown')).toBe('unknown');
  });
});
