import type { UpdateSessionRequest } from '@serambi/shared';
import { authorizeCommunityById } from '../communities/service.ts';
import type { Database } from '../db/client.ts';
import type { SessionUser } from '../http/env.ts';
import type { SeatsGained, SessionNotifications } from './notify.ts';
import type { SessionRow } from './schema.ts';
import { updateSession, visibleSession } from './service.ts';

/**
 * An organizer's changes to a session, and their named transitions: publishing, cancelling.
 * Each authorizes first (the community's `manage`), then changes the session, telling its people
 * in the same transaction (`notify`: registrants' reminders and mails, composed in compose.ts),
 * and afterwards sets off what the change opens (`seatsGained`: the waitlist moves up).
 */
export interface SessionChangeDeps {
  db: Database;
  now: () => Date;
  notify: SessionNotifications;
  seatsGained: SeatsGained;
}

type Fields = Omit<UpdateSessionRequest, 'status'>;

/** The session `ref` names, once `user` has shown they may manage it (an organizer of its community). */
export async function managedSession(db: Database, ref: string, user: SessionUser | null) {
  const { session } = await visibleSession(db, ref, user);
  const { community } = await authorizeCommunityById(db, session.communityId, user, 'manage');
  return { session, community };
}

/**
 * Publishes a session (or schedules a cancelled one again), with any other changes made at the
 * same time: it is scheduled, its reminders are planned, and its registrants hear of a new time.
 */
export function publishSession(deps: SessionChangeDeps, ref: string, user: SessionUser | null, fields: Fields = {}) {
  return changeSession(deps, ref, user, { ...fields, status: 'scheduled' });
}

/**
 * Cancels a session, with any other changes made at the same time: everyone registered or
 * waiting is told, and its reminders are dropped. A live session ends from its room instead.
 */
export function cancelSession(deps: SessionChangeDeps, ref: string, user: SessionUser | null, fields: Fields = {}) {
  return changeSession(deps, ref, user, { ...fields, status: 'cancelled' });
}

/**
 * What an organizer's change asks for, by the status it names: publishing, cancelling, or a
 * change of its fields (back to draft included).
 */
export function applySessionChange(
  deps: SessionChangeDeps,
  ref: string,
  user: SessionUser | null,
  { status, ...fields }: UpdateSessionRequest,
): Promise<SessionRow> {
  if (status === 'scheduled') return publishSession(deps, ref, user, fields);
  if (status === 'cancelled') return cancelSession(deps, ref, user, fields);
  return changeSession(deps, ref, user, status === undefined ? fields : { ...fields, status });
}

/** Any change: authorized, written with what registrants hear of it, then seats gained are filled. */
export async function changeSession(
  deps: SessionChangeDeps,
  ref: string,
  user: SessionUser | null,
  changes: UpdateSessionRequest,
): Promise<SessionRow> {
  const { session } = await managedSession(deps.db, ref, user);
  const change = await updateSession(deps.db, session, changes, deps.now(), (tx, changed) =>
    deps.notify.using(tx).changed(changed),
  );
  if (gainedSeats(change)) await deps.seatsGained(change.after);
  return change.after;
}

/** Capacity raised or removed on a session people can still register for. */
export function gainedSeats({
  before,
  after,
}: {
  before: { capacity: number | null };
  after: { capacity: number | null };
}): boolean {
  return before.capacity !== null && (after.capacity === null || after.capacity > before.capacity);
}
