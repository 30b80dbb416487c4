import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { AccessToken } from 'livekit-server-sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebhookVerifier } from './webhook-signature.ts';

const API_KEY = 'APIwebhooktest';
const API_SECRET = 'a-livekit-api-secret-of-enough-length-0123456789';
const receive = createWebhookVerifier(API_KEY, API_SECRET);

const now = new Date('2026-12-06T12:00:00Z');
const seconds = (n: number) => new Date(now.getTime() + n * 1000);
const epoch = (date: Date) => Math.floor(date.getTime() / 1000);
const body = JSON.stringify({ event: 'room_started', id: 'EV_test', room: { sid: 'RM_test', name: 'sesi' } });
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64');

/** Authorization as LiveKit writes it, valid from `now` for 10 minutes; each refusal below changes one thing. */
function signed(change: { secret?: string; issuer?: string; sha256?: string; expires?: Date | null } = {}) {
  const jwt = new SignJWT({ sha256: change.sha256 ?? sha256(body) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(change.issuer ?? API_KEY)
    .setNotBefore(epoch(now));
  if (change.expires !== null) jwt.setExpirationTime(epoch(change.expires ?? seconds(600)));
  return jwt.sign(new TextEncoder().encode(change.secret ?? API_SECRET));
}

const accepts = async (authorization: string | undefined, at = now) =>
  expect((await receive(body, authorization, at)).room?.name).toBe('sesi');
const refuses = (authorization: string | undefined, at = now, rawBody = body) =>
  expect(receive(rawBody, authorization, at)).rejects.toThrow();

describe('LiveKit webhook signatures', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('are read as livekit-server-sdk signs them', async () => {
    const token = new AccessToken(API_KEY, API_SECRET);
    token.sha256 = sha256(body);
    await accepts(await token.toJwt(), new Date());
  });

  it('hold from shortly before their start to shortly after their expiry, at the given time', async () => {
    const authorization = await signed();
    await accepts(authorization, seconds(-10));
    await refuses(authorization, seconds(-11));
    await accepts(authorization, seconds(600 + 9));
    await refuses(authorization, seconds(600 + 11));
  });

  it('are refused when signed with another secret or by another key', async () => {
    await accepts(await signed({ secret: API_SECRET, issuer: API_KEY }));
    await refuses(await signed({ secret: 'another-livekit-api-secret-of-enough-length-9876' }));
    await refuses(await signed({ issuer: 'APIsomeoneelse' }));
  });

  it('are refused for another body, without an expiry, or missing', async () => {
    const authorization = await signed();
    await accepts(authorization);
    await refuses(authorization, now, body.replace('sesi', 'sesi-lain'));
    await refuses(await signed({ sha256: sha256('{}') }));
    await refuses(await signed({ expires: null }));
    await refuses(undefined);
  });

  // The given `now` is the only clock: what the machine's says must not matter.
  it.each(['2019-03-01T00:00:00Z', '2026-12-06T16:00:01Z', '2027-12-07T00:00:00Z', '2040-06-01T00:00:00Z'])(
    'are checked against the given time alone, with the machine’s clock at %s',
    async (machine) => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date(machine));
      const authorization = await signed();
      await accepts(authorization, seconds(300));
      await refuses(authorization, seconds(3600));
    },
  );
});
