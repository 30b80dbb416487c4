import type { SessionRoomRow } from './schema.ts';

/** Sessions whose view is kept; more live at once than this on one instance is not expected. */
const KEPT_SESSIONS = 200;

/**
 * What every viewer of a session sees alike, read once per session version and shared: joins
 * arriving together after a change share the first one's read. A caller passes the room row
 * it read (the version comes from the database, so a change through any instance is seen once
 * announced); a view is reused while its version is at least the caller's. A view newer than
 * the caller's version is fine: clients apply later events idempotently. A failed read is
 * forgotten, so the next caller reads again.
 */
export function createVersionedViews<View extends { version: number }>(read: (room: SessionRoomRow) => Promise<View>) {
  const views = new Map<string, Promise<View>>();
  return async function viewOf(room: SessionRoomRow): Promise<View> {
    for (let held = views.get(room.sessionId); held; ) {
      const view = await held.catch(() => undefined);
      if (view && view.version >= room.version) return view;
      const latest = views.get(room.sessionId);
      if (latest === held) break;
      held = latest;
    }
    const reading = read(room);
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
  };
}
