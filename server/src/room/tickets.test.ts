import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRoomTickets, ROOM_TICKET_TTL_SECONDS } from './tickets.ts';

const SECRET = 'a-secret-long-enough-for-hs256-signing';
const tickets = createRoomTickets(SECRET);
const now = new Date('2026-12-06T12:00:00Z');
const iat = Math.floor(now.getTime() / 1000);
const seconds = (n: number) => new Date(now.getTime() + n * 1000);
const bearer = (ticket: string) => `Bearer ${ticket}`;

/** A ticket as the server writes one, from the given claims, header and key: each refusal below changes one of them. */
function handMade(
  change: { claims?: Record<string, unknown>; header?: Record<string, unknown>; secret?: string } = {},
): string {
  const claims = {
    sid: 's1',
    sub: 'r_1',
    aud: 'serambi-room',
    iat,
    exp: iat + ROOM_TICKET_TTL_SECONDS,
    ...change.claims,
  };
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part(change.header ?? { alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', change.secret ?? SECRET)
    .update(unsigned)
    .digest('base64url')}`;
}

const refused = { status: 401, code: 'room_ticket' };
const accepts = (authorization: string | undefined, at = now) =>
  expect(tickets.check(authorization, 's1', at)).resolves.toEqual({ sessionId: 's1', identity: 'r_1' });
const refuses = (authorization: string | undefined, at = now) =>
  expect(tickets.check(authorization, 's1', at)).rejects.toMatchObject(refused);

// Each refusal shows the ticket it changed being accepted first, so none passes for another reason.
describe('room tickets', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('name one identity in one session', async () => {
    const { ticket, expiresAt } = await tickets.issue({ sessionId: 's1', identity: 'r_1' }, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(ROOM_TICKET_TTL_SECONDS * 1000);
    await accepts(bearer(ticket));
    await accepts(bearer(handMade()));
  });

  it('are refused for another session', async () => {
    const { ticket } = await tickets.issue({ sessionId: 's1', identity: 'r_1' }, now);
    await accepts(bearer(ticket));
    await expect(tickets.check(bearer(ticket), 's2', now)).rejects.toMatchObject(refused);
  });

  it('last until their expiry and not a second longer', async () => {
    const { ticket } = await tickets.issue({ sessionId: 's1', identity: 'r_1' }, now);
    await accepts(bearer(ticket), seconds(ROOM_TICKET_TTL_SECONDS - 1));
    await refuses(bearer(ticket), seconds(ROOM_TICKET_TTL_SECONDS));
  });

  it('are refused when signed with another key', async () => {
    await accepts(bearer(handMade({ secret: SECRET })));
    await refuses(bearer(handMade({ secret: 'another-secret-entirely-another-one' })));
  });

  it('are refused when a claim was changed after signing', async () => {
    const [header, payload, signature] = handMade().split('.');
    await accepts(bearer(`${header}.${payload}.${signature}`));
    const changed = handMade({ claims: { sub: 'r_2' } }).split('.')[1];
    await refuses(bearer(`${header}.${changed}.${signature}`));
  });

  it('are refused when they name another audience, no identity or no expiry', async () => {
    await accepts(bearer(handMade({ claims: { aud: 'serambi-room', sub: 'r_1', exp: iat + 60 } })));
    const cases = [
      { aud: 'serambi-media' },
      { sub: undefined },
      { sub: 7 },
      { exp: undefined },
      { exp: `${iat + 60}` },
    ];
    for (const claims of cases) {
      await expect(
        tickets.check(bearer(handMade({ claims })), 's1', now),
        JSON.stringify(claims),
      ).rejects.toMatchObject(refused);
    }
  });

  it('are refused unsigned, as `alg: none`', async () => {
    const [header, payload, signature] = handMade().split('.');
    await accepts(bearer(`${header}.${payload}.${signature}`));
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await refuses(bearer(`${none}.${payload}.`));
  });

  it('are refused when missing or not sent as a bearer credential', async () => {
    const { ticket } = await tickets.issue({ sessionId: 's1', identity: 'r_1' }, now);
    await accepts(bearer(ticket));
    await refuses(undefined);
    await refuses(ticket);
    await refuses(`Basic ${ticket}`);
  });

  // The given `now` is the only clock: what the machine's says must not matter.
  it.each(['2019-03-01T00:00:00Z', '2026-12-06T16:00:01Z', '2027-12-07T00:00:00Z', '2040-06-01T00:00:00Z'])(
    'are checked against the given time alone, with the machine’s clock at %s',
    async (machine) => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date(machine));
      const { ticket } = await tickets.issue({ sessionId: 's1', identity: 'r_1' }, now);
      await accepts(bearer(ticket), seconds(ROOM_TICKET_TTL_SECONDS - 1));
      await refuses(bearer(ticket), seconds(ROOM_TICKET_TTL_SECONDS));
    },
  );
});
