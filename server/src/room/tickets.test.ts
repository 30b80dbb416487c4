import { describe, expect, it } from 'vitest';
import { createRoomTickets, ROOM_TICKET_TTL_SECONDS } from './tickets.ts';

const tickets = createRoomTickets('a-secret-long-enough-for-hs256-signing');
const now = new Date('2026-12-06T12:00:00Z');

describe('room tickets', () => {
  it('name one identity in one session', async () => {
    const { ticket, expiresAt } = await tickets.issue({ sessionId: 's1', identity: 'r_1' }, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(ROOM_TICKET_TTL_SECONDS * 1000);
    await expect(tickets.check(`Bearer ${ticket}`, 's1', now)).resolves.toEqual({ sessionId: 's1', identity: 'r_1' });
  });

  it('are refused for another session, after expiry, when forged or missing', async () => {
    const { ticket } = await tickets.issue({ sessionId: 's1', identity: 'r_1' }, now);
    await expect(tickets.check(`Bearer ${ticket}`, 's2', now)).rejects.toMatchObject({
      status: 401,
      code: 'room_ticket',
    });
    const later = new Date(now.getTime() + (ROOM_TICKET_TTL_SECONDS + 1) * 1000);
    await expect(tickets.check(`Bearer ${ticket}`, 's1', later)).rejects.toMatchObject({ status: 401 });
    const forged = await createRoomTickets('another-secret-entirely-another-one').issue(
      { sessionId: 's1', identity: 'u_x' },
      now,
    );
    await expect(tickets.check(`Bearer ${forged.ticket}`, 's1', now)).rejects.toMatchObject({ status: 401 });
    await expect(tickets.check(undefined, 's1', now)).rejects.toMatchObject({ status: 401 });
    await expect(tickets.check(ticket, 's1', now)).rejects.toMatchObject({ status: 401 });
  });
});
