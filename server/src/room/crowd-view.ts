import { and, count, eq, isNotNull, ne, or } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type RoomParticipantRow, roomParticipants, type SessionRoomRow } from './schema.ts';
import { createVersionedViews } from './versioned-views.ts';

/** Someone the room's snapshot lists: a hand up, on (or invited to) the stage, or waiting in the lobby. */
export type NotableParticipant = Pick<
  RoomParticipantRow,
  'identity' | 'name' | 'handRaisedAt' | 'stage' | 'stageSince' | 'admission' | 'createdAt'
>;

/** What every snapshot of a session shows alike about its people, as of a session version. */
export interface CrowdView {
  version: number;
  notable: NotableParticipant[];
  /** Connected to the stage room, as LiveKit's webhooks last said. */
  connected: number;
}

/**
 * The people parts of room snapshots, read once per session version and shared by every join
 * and snapshot at that version. Both reads go through all of a session's participants (a
 * thousand rows in a full room), once per join. Every change to a hand, the stage or the
 * lobby bumps the version in the same transaction, and the head count is announced (a bump)
 * within a second of LiveKit saying someone came or went; a caller passes the room row it
 * read, so a view is reused only while nothing it shows has been announced as changed (by
 * this instance or any other: the version comes from the database). A view newer than the
 * caller's version is fine: clients apply later events idempotently.
 */
export function createCrowdViews(db: Database) {
  return { viewOf: createVersionedViews((room) => readCrowdView(db, room)) };
}

export type CrowdViews = ReturnType<typeof createCrowdViews>;

async function readCrowdView(db: Database, room: SessionRoomRow): Promise<CrowdView> {
  const ofSession = eq(roomParticipants.sessionId, room.sessionId);
  const [notable, [presence]] = await Promise.all([
    // Everyone with a hand up, on (or invited to) the stage, or waiting in the lobby, in one read.
    db
      .select({
        identity: roomParticipants.identity,
        name: roomParticipants.name,
        handRaisedAt: roomParticipants.handRaisedAt,
        stage: roomParticipants.stage,
        stageSince: roomParticipants.stageSince,
        admission: roomParticipants.admission,
        createdAt: roomParticipants.createdAt,
      })
      .from(roomParticipants)
      .where(
        and(
          ofSession,
          or(
            isNotNull(roomParticipants.handRaisedAt),
            ne(roomParticipants.stage, 'none'),
            eq(roomParticipants.admission, 'pending'),
          ),
        ),
      ),
    db
      .select({ n: count() })
      .from(roomParticipants)
      .where(and(ofSession, eq(roomParticipants.connected, true))),
  ]);
  return { version: room.version, notable, connected: presence?.n ?? 0 };
}
