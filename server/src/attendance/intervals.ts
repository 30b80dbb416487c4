import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { connectionJoinedAt } from '../livekit/participant-time.ts';
import type { LiveKitEvents, LiveKitWebhook } from '../livekit/webhook-routes.ts';
import { roomOfName } from '../room/events.ts';
import { attendanceIntervals } from './schema.ts';

/** What attendance needs: the database and a clock (for webhooks that carry no time of their own). */
export interface AttendanceDeps {
  db: Database;
  now: () => Date;
}

/** One connection as a webhook tells it: when it joined and, for a "left", when it ended. */
export interface ConnectionSighting {
  sessionId: string;
  identity: string;
  connectionSid: string;
  joinedAt: Date;
  leftAt: Date | null;
}

/**
 * Attendance from LiveKit's webhooks (stage rooms and breakout tables: the backstage is the
 * team's waiting room). Each connection is one row, merged from whatever webhooks arrive about it, in any
 * order and any number of times: the earliest join and the earliest leave win. Times are the
 * webhooks' own, so a late or repeated delivery moves nothing: LiveKit stamps the join in
 * milliseconds, but an event only in whole seconds, which the arrival time refines when it falls
 * within that second (see `eventTime`). The room finishing closes connections whose "left" never
 * came.
 */
export function watchAttendance(deps: AttendanceDeps, events: LiveKitEvents): { stop(): void } {
  const connectionEvent = (ended: boolean) => async (event: LiveKitWebhook) => {
    const participant = event.participant;
    if (!event.room?.name || !participant?.identity || !participant.sid) return;
    const { sessionId, kind } = roomOfName(event.room.name);
    // Time at a breakout table is time in the session (docs/breakouts.md); the backstage is not.
    if (kind === 'backstage') return;
    const eventAt = eventTime(event, deps.now());
    await recordConnection(deps.db, {
      sessionId,
      identity: participant.identity,
      connectionSid: participant.sid,
      joinedAt: connectionJoinedAt(participant) ?? eventAt,
      leftAt: ended ? eventAt : null,
    });
  };

  const finished = async (event: LiveKitWebhook) => {
    if (!event.room?.name) return;
    const { sessionId, kind } = roomOfName(event.room.name);
    // A table room closing says nothing of the session's other connections (its own "left"s came).
    if (kind !== 'stage') return;
    await closeOpenIntervals(deps.db, sessionId, eventTime(event, deps.now()));
  };

  const unsubscribe = [
    events.on('participant_joined', connectionEvent(false)),
    events.on('participant_left', connectionEvent(true)),
    events.on('participant_connection_aborted', connectionEvent(true)),
    events.on('room_finished', finished),
  ];
  return {
    stop() {
      for (const off of unsubscribe) off();
    },
  };
}

/**
 * Merges one sighting of a connection into its row: created by whichever webhook comes first,
 * then the earliest join and the earliest leave are kept (a "joined" after its "left" adds
 * nothing; the same event twice changes nothing). A room that is no session's is ignored.
 */
export async function recordConnection(db: Database, sighting: ConnectionSighting): Promise<void> {
  const leftAt = sighting.leftAt ? sql`${sighting.leftAt.toISOString()}::timestamptz` : sql`null::timestamptz`;
  await db.execute(sql`
    insert into attendance_intervals (id, session_id, identity, connection_sid, joined_at, left_at)
    select ${crypto.randomUUID()}, sessions.id, ${sighting.identity}, ${sighting.connectionSid},
      ${sighting.joinedAt.toISOString()}::timestamptz, ${leftAt}
    from sessions where sessions.id = ${sighting.sessionId}
    on conflict (session_id, connection_sid) do update set
      joined_at = least(attendance_intervals.joined_at, excluded.joined_at),
      left_at = least(attendance_intervals.left_at, excluded.left_at)`);
}

/**
 * The room finished: every connection of the session still open that had joined by then ends
 * then. One that joined later belongs to a newer room of the same name and stays open (its own
 * "left" closes it; an earlier real "left" of a closed one still wins, being earlier).
 */
export async function closeOpenIntervals(db: Database, sessionId: string, at: Date): Promise<void> {
  await db
    .update(attendanceIntervals)
    .set({ leftAt: at })
    .where(
      and(
        eq(attendanceIntervals.sessionId, sessionId),
        isNull(attendanceIntervals.leftAt),
        lte(attendanceIntervals.joinedAt, at),
      ),
    );
}

/**
 * When the event happened. LiveKit says it in whole seconds; a delivery arriving within that
 * second is taken at its arrival (milliseconds), a later one (a retry, a replay) at the second's
 * last millisecond, which never undercuts the prompt delivery's time under "earliest wins".
 * Without a stamp, the arrival.
 */
export function eventTime(event: Pick<LiveKitWebhook, 'createdAt'>, arrivedAt: Date): Date {
  const second = Number(event.createdAt ?? 0) * 1000;
  if (second <= 0) return arrivedAt;
  return new Date(Math.min(Math.max(arrivedAt.getTime(), second), second + 999));
}
