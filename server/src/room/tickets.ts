import { createHmac } from 'node:crypto';
import { verify } from 'hono/jwt';
import { AppError } from '../http/errors.ts';

/** What a room ticket says: this identity, in this session's room. Everything else is read from the database. */
export interface RoomTicket {
  sessionId: string;
  identity: string;
}

export interface RoomTickets {
  issue(ticket: RoomTicket, now: Date): Promise<{ ticket: string; expiresAt: Date }>;
  /** The ticket in an `Authorization: Bearer` header, or a 401 saying to enter again. */
  check(authorization: string | undefined, sessionId: string, now: Date): Promise<RoomTicket>;
}

/** Long enough for a long session, short enough that a leaked ticket soon stops working; the page renews it by joining again. */
export const ROOM_TICKET_TTL_SECONDS = 4 * 60 * 60;

/**
 * The room's bearer credential. Participants come in by personal link, not by account, so the
 * room's endpoints need a credential of their own; a bearer header is never sent by the browser
 * on its own, so it needs no CSRF defence.
 */
export function createRoomTickets(secret: string): RoomTickets {
  const audience = 'serambi-room';
  return {
    async issue(ticket, now) {
      const iat = Math.floor(now.getTime() / 1000);
      const exp = iat + ROOM_TICKET_TTL_SECONDS;
      const token = signHs256({ sid: ticket.sessionId, sub: ticket.identity, aud: audience, iat, exp }, secret);
      return { ticket: token, expiresAt: new Date(exp * 1000) };
    },
    async check(authorization, sessionId, now) {
      const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
      if (!token) throw roomTicketProblem();
      let payload: Record<string, unknown>;
      try {
        payload = await verify(token, secret, { alg: 'HS256', aud: audience, exp: true, iat: false, nbf: false });
      } catch {
        throw roomTicketProblem();
      }
      const exp = typeof payload.exp === 'number' ? payload.exp : 0;
      if (exp * 1000 <= now.getTime()) throw roomTicketProblem();
      if (payload.sid !== sessionId || typeof payload.sub !== 'string') throw roomTicketProblem();
      return { sessionId, identity: payload.sub };
    },
  };
}

const HS256_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * An HS256 JWT, signed in this thread. Every join signs one: hono's `sign` goes through Web
 * Crypto, which imports the key and hops to the thread pool for each ticket, and in a join
 * storm that hop waits behind everything else on the event loop.
 */
function signHs256(payload: Record<string, unknown>, secret: string): string {
  const unsigned = `${HS256_HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function roomTicketProblem() {
  return new AppError(401, 'room_ticket', 'problems.roomTicket');
}
