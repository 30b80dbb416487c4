import { describe, expect, it } from 'vitest';
import { isAddressOrRange } from './address-range.ts';

describe('what TRUSTED_PROXIES accepts', () => {
  it.each(['10.0.0.1', '127.0.0.1', '::1', 'fd00::5'])('a single address: %s', (value) => {
    expect(isAddressOrRange(value)).toBe(true);
  });

  it.each(['10.0.0.0/8', '192.168.1.0/24', '0.0.0.0/0', '10.1.2.3/32', 'fd00::/8', '::/0', '2001:db8::/128'])(
    'a range within its family’s bits: %s',
    (value) => {
      expect(isAddressOrRange(value)).toBe(true);
    },
  );

  it.each([
    ['a v4 prefix over 32 bits', '10.0.0.0/33'],
    ['a v6 prefix over 128 bits', 'fd00::/129'],
    ['a negative prefix', '10.0.0.0/-1'],
    ['a prefix that is not a whole number', '10.0.0.0/8.5'],
    ['an empty prefix', '10.0.0.0/'],
    ['two prefixes', '10.0.0.0/8/16'],
    ['a host name', 'proxy.internal'],
    ['an address out of range', '256.0.0.1'],
    ['nothing', ''],
  ])('refuses %s: %j', (_, value) => {
    expect(isAddressOrRange(value)).toBe(false);
  });
});
