import type { AuditAction } from '@serambi/shared';
import { and, eq } from 'drizzle-orm';
import type { Database, Tx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { registrations } from '../registrations/schema.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { findSessionByRef } from '../sessions/service.ts';
import type { RoomDeps } from './deps.ts';
import { authorizeInRoom, roomRules } from './rules.ts';
import { type RoomParticipantRow, roomAudit, roomParticipants } from './schema.ts';
import { lostStanding, refusalFor } from './standing.ts';

/**
 * The person behind a room ticket, as the database knows them now (role, stage, admission). The
 * ticket only names an identity: whether it still opens the room is decided here, at each
 * request (see `standing.ts`), so a ban, a removal or a role taken away counts at once.
 */
export async function roomCaller(
  deps: RoomDeps,
  session: SessionRow,
  authorization: string | undefined,
): Promise<RoomParticipantRow> {
  const ticket = await deps.tickets.check(authorization, session.id, deps.now());
  const [found] = await deps.db
    .select({ row: roomParticipants, registration: registrations.status })
    .from(roomParticipants)
    .leftJoin(registrations, eq(registrations.id, roomParticipants.registrationId))
    .where(and(eq(roomParticipants.sessionId, session.id), eq(roomParticipants.identity, ticket.identity)));
  if (!found) throw new AppError(401, 'room_ticket', 'problems.roomTicket');
  const lost = await lostStanding(deps.db, session, found.row, found.registration);
  if (lost) throw refusalFor(lost);
  return found.row;
}

/**
 * The session named in a room request and the person whose ticket came with it, let in: someone
 * waiting in the lobby or turned away gets no further than `roomVisitor` (the lobby's view).
 */
export async function roomRequest(
  deps: RoomDeps,
  ref: string,
  authorization: string | undefined,
): Promise<{ session: SessionRow; me: RoomParticipantRow }> {
  const { session, me } = await roomVisitor(deps, ref, authorization);
  authorizeInRoom(roomRules, 'enter', me);
  return { session, me };
}

/** The session named in a room request and the person whose ticket came with it, let in or not (yet). */
export async function roomVisitor(
  deps: RoomDeps,
  ref: string,
  authorization: string | undefined,
): Promise<{ session: SessionRow; me: RoomParticipantRow }> {
  const session = await findSessionByRef(deps.db, ref);
  return { session, me: await roomCaller(deps, session, authorization) };
}

/** Someone in the room, read under the room's lock; 404 when the identity never entered. */
export async function participantIn(
  db: Database | Tx,
  sessionId: string,
  identity: string,
): Promise<RoomParticipantRow> {
  const [row] = await db
    .select()
    .from(roomParticipants)
    .where(and(eq(roomParticipants.sessionId, sessionId), eq(roomParticipants.identity, identity)));
  if (!row) throw new AppError(404, 'room_unknown_participant', 'problems.roomUnknownParticipant');
  return row;
}

/** Writes one line of the room's audit log: who did what to whom, when. */
export async function recordAudit(
  tx: Tx,
  entry: {
    sessionId: string;
    at: Date;
    action: AuditAction;
    actor: Pick<RoomParticipantRow, 'identity' | 'name'>;
    target?: Pick<RoomParticipantRow, 'identity' | 'name'>;
    detail?: Record<string, string | number | boolean | null>;
  },
): Promise<void> {
  await tx.insert(roomAudit).values({
    sessionId: entry.sessionId,
    at: entry.at,
    action: entry.action,
    actorIdentity: entry.actor.identity,
    actorName: entry.actor.name,
    targetIdentity: entry.target?.identity ?? null,
    targetName: entry.target?.name ?? null,
    detail: entry.detail ?? {},
  });
}

export async function updateParticipant(
  tx: Tx,
  row: RoomParticipantRow,
  changes: Partial<typeof roomParticipants.$inferInsert>,
): Promise<void> {
  await tx.update(roomParticipants).set(changes).where(eq(roomParticipants.id, row.id));
}
