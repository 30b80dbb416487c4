import { and, count, eq, isNotNull, ne, or } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { type RoomParticipantRow, roomParticipants, type SessionRoomRow } from './schema.ts';

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

/** Sessions whose crowd view is kept; more live at once than this on one instance is not expected. */
const KEPT_SESSIONS = 200;

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
  const views = new Map<string, Promise<CrowdView>>();

  return {
    async viewOf(room: SessionRoomRow): Promise<CrowdView> {
      // Joins arriving together after a change share the first one's read.
      for (let held = views.get(room.sessionId); held; ) {
        const view = await held.catch(() => undefined);
        if (view && view.version >= room.version) return view;
        const latest = views.get(room.sessionId);
        if (latest === held) break;
        held = latest;
      }
      const reading = readCrowdView(db, room);
      views.delete(room.sessionId);
      views.set(room.sessionId, reading);
      reading.catch(() => {
        if (views.get(room.sessionId) === reading) views.delete(room.sessionId);
      });
      if (views.size > KEPT_SESSIONS) {
        const oldest = views.keys().next().value;
        if (oldest !== undefined) views.delete(oldest);
      }
      return reading;
    },
  };
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
