import { createHmac, timingSafeEqual } from 'node:crypto';
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
      const claims = token === undefined ? null : verifiedClaims(token, secret);
      // Only `now` decides whether the ticket has expired: a check against the machine's clock
      // as well would make the caller's clock (and every test that moves it) a lie.
      if (
        claims?.aud !== audience ||
        claims.sid !== sessionId ||
        typeof claims.sub !== 'string' ||
        typeof claims.exp !== 'number' ||
        claims.exp * 1000 <= now.getTime()
      ) {
        throw roomTicketProblem();
      }
      return { sessionId, identity: claims.sub };
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

/**
 * The claims of a ticket this server signed with `secret`, or null. The header must be the one
 * `signHs256` writes, so no other algorithm (`none`, a public key) is ever considered; claims are
 * checked by the caller.
 */
function verifiedClaims(token: string, secret: string): Record<string, unknown> | null {
  const [header, payload, signature, ...rest] = token.split('.');
  if (header !== HS256_HEADER || payload === undefined || signature === undefined || rest.length > 0) return null;
  // Compared as text, not decoded: base64url decoding forgives stray characters.
  const expected = Buffer.from(createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function roomTicketProblem() {
  return new AppError(401, 'room_ticket', 'problems.roomTicket');
}
