import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLinkSigner } from '../storage/signed-links.ts';
import { createMediaLinks } from './links.ts';

const id = '6f1c1a8e-8f7e-4a43-9d3e-2f6a4b1c9d10';
const tokenOf = (url: string) => new URL(url, 'http://x').searchParams.get('token') ?? undefined;

describe('signed media addresses', () => {
  const links = createMediaLinks(createLinkSigner('a-secret-of-at-least-thirty-two-bytes!'));
  const now = new Date('2026-11-23T12:00:00Z');

  it('grant one purpose on one recording until they expire', () => {
    const url = links.url(id, 'play', now);
    expect(url).toMatch(new RegExp(`^/api/recordings/${id}/media\\?token=`));
    const token = tokenOf(url);
    expect(links.check(id, 'play', token, now)).toBe(true);
    expect(links.check(id, 'download', token, now)).toBe(false);
    expect(links.check('00000000-0000-4000-8000-000000000000', 'play', token, now)).toBe(false);
    expect(links.check(id, 'play', token, new Date(now.getTime() + 13 * 3_600_000))).toBe(false);
  });

  it('downloads live an hour', () => {
    const token = tokenOf(links.url(id, 'download', now));
    expect(links.check(id, 'download', token, new Date(now.getTime() + 59 * 60_000))).toBe(true);
    expect(links.check(id, 'download', token, new Date(now.getTime() + 61 * 60_000))).toBe(false);
  });

  it('refuse a token signed with another secret, a moved expiry, or no token', () => {
    const other = createMediaLinks(createLinkSigner('another-secret-of-at-least-thirty-two!'));
    expect(links.check(id, 'play', tokenOf(other.url(id, 'play', now)), now)).toBe(false);
    const [expires, signature] = (tokenOf(links.url(id, 'play', now)) ?? '').split('.');
    expect(links.check(id, 'play', `${Number(expires) + 86_400}.${signature}`, now)).toBe(false);
    expect(links.check(id, 'play', undefined, now)).toBe(false);
    expect(links.check(id, 'play', 'garbage', now)).toBe(false);
  });

  // The given `now` is the only clock: what the machine's says must not matter.
  it.each(['2019-03-01T00:00:00Z', '2026-12-06T16:00:01Z', '2027-12-07T00:00:00Z', '2040-06-01T00:00:00Z'])(
    'are checked against the given time alone, with the machine’s clock at %s',
    (machine) => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date(machine));
      const token = tokenOf(links.url(id, 'download', now));
      expect(links.check(id, 'download', token, new Date(now.getTime() + 59 * 60_000))).toBe(true);
      expect(links.check(id, 'download', token, new Date(now.getTime() + 61 * 60_000))).toBe(false);
    },
  );

  afterEach(() => {
    vi.useRealTimers();
  });
});
