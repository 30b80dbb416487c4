import type { SessionInvitationDetails } from '@serambi/shared';
import { asc, eq } from 'drizzle-orm';
import { communityById } from '../communities/service.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { hashLinkSecret } from '../http/secret-link.ts';
import type { SessionParts } from './parts.ts';
import { type SessionRow, sessionPeople, sessions } from './schema.ts';

/**
 * What a speaker's or moderator's personal link invites to, for the page shown before they
 * accept: a session's own person first, then a series' default person (first session of it).
 * Only what the invitee needs: their own name and address, and where they will speak.
 */
export async function sessionInvitationDetails(
  db: Database,
  parts: Pick<SessionParts, 'seriesPersonByInvite' | 'seriesTitles'>,
  secret: string,
): Promise<SessionInvitationDetails> {
  const hash = hashLinkSecret(secret);
  const [person] = await db.select().from(sessionPeople).where(eq(sessionPeople.inviteTokenHash, hash));
  if (person) {
    const [session] = await db.select().from(sessions).where(eq(sessions.id, person.sessionId));
    if (!session) throw linkInvalid();
    return describe(db, parts, { ...person, accepted: person.acceptedAt !== null }, 'session', session);
  }
  const seriesPerson = await parts.seriesPersonByInvite(db, hash);
  if (!seriesPerson) throw linkInvalid();
  const [first] = await db
    .select()
    .from(sessions)
    .where(eq(sessions.seriesId, seriesPerson.seriesId))
    .orderBy(asc(sessions.startsAt))
    .limit(1);
  if (!first) throw linkInvalid();
  return describe(db, parts, { ...seriesPerson, accepted: seriesPerson.acceptedAt !== null }, 'series', first);
}

async function describe(
  db: Database,
  parts: Pick<SessionParts, 'seriesTitles'>,
  person: { role: SessionInvitationDetails['role']; name: string; email: string; accepted: boolean },
  scope: SessionInvitationDetails['scope'],
  session: SessionRow,
): Promise<SessionInvitationDetails> {
  const row = await communityById(db, session.communityId);
  if (!row) throw linkInvalid();
  const community = { slug: row.slug, name: row.name };
  const [seriesRow] = session.seriesId ? await parts.seriesTitles(db, [session.seriesId]) : [];
  return {
    role: person.role,
    name: person.name,
    email: person.email,
    accepted: person.accepted,
    scope,
    session: {
      slug: session.slug,
      title: session.title,
      startsAt: session.startsAt.toISOString(),
      timeZone: session.timeZone,
    },
    series: seriesRow ?? null,
    community,
  };
}

function linkInvalid() {
  return new AppError(404, 'link_invalid', 'problems.linkInvalid');
}
