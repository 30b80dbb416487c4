import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import type { SessionUser } from '../http/env.ts';
import type { ReplayViewer } from '../sessions/replay-access.ts';
import type { SessionViewer } from '../sessions/rules.ts';
import type { SessionRow } from '../sessions/schema.ts';
import { findSessionByRef, visibleSession } from '../sessions/service.ts';
import { type RegistrationRow, registrations } from './schema.ts';
import { findBySecret } from './service.ts';

/**
 * The session `ref` as the caller (or nobody) may see it (404 otherwise), what they are to it,
 * and what that makes them to its replay and materials: what the replay's and the materials'
 * routes by address both start from.
 */
export async function replayAudienceByRef(db: Database, ref: string, user: SessionUser | null) {
  const { session, viewer } = await visibleSession(db, ref, user);
  return { session, viewer, replayViewer: await replayViewerOf(db, session, viewer, user) };
}

/** The session of a personal join link (404 for an unknown link) and what its holder is to its replay and materials. */
export async function replayAudienceByLink(db: Database, secret: string) {
  const registration = await findBySecret(db, secret);
  const session = await findSessionByRef(db, registration.sessionId);
  return { session, replayViewer: replayViewerOfLink(registration) };
}

/**
 * What a signed-in caller (or nobody) is to a session's replay and materials. Only a confirmed
 * address speaks for a registration made with it: anyone can sign up with someone else's.
 */
export async function replayViewerOf(
  db: Database,
  session: Pick<SessionRow, 'id'>,
  viewer: SessionViewer,
  user: SessionUser | null,
): Promise<ReplayViewer> {
  return {
    organizer: viewer.communityRole !== null,
    team: viewer.sessionRole !== null,
    registrant: user?.emailVerified ? await isRegistrant(db, session.id, user.email) : false,
    signedIn: user !== null,
    unconfirmedEmail: user && !user.emailVerified ? user.email : null,
  };
}

/** What the holder of a personal join link is to its session's replay and materials. */
export function replayViewerOfLink(registration: Pick<RegistrationRow, 'status'>): ReplayViewer {
  return {
    organizer: false,
    team: false,
    registrant: registration.status !== 'cancelled',
    signedIn: false,
    unconfirmedEmail: null,
  };
}

async function isRegistrant(db: Database, sessionId: string, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        eq(registrations.sessionId, sessionId),
        eq(registrations.email, email.toLowerCase()),
        ne(registrations.status, 'cancelled'),
      ),
    );
  return row !== undefined;
}
