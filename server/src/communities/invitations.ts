import type { CommunityRole, MyCommunity, OrganizerInvitation, OrganizerInvitationDetails } from '@serambi/shared';
import { and, eq } from 'drizzle-orm';
import { users } from '../accounts/schema.ts';
import type { Database } from '../db/client.ts';
import type { SessionUser } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { hashLinkSecret, newLinkSecret } from '../http/secret-link.ts';
import { type CommunityRow, communities, communityInvitations, communityMembers } from './schema.ts';
import { toCommunity } from './service.ts';

const INVITATION_DAYS = 14;

/** Invites a co-organizer by email; the secret goes into the mail and is returned only here. */
export async function inviteOrganizer(
  db: Database,
  community: CommunityRow,
  input: { email: string; role: CommunityRole },
  invitedBy: SessionUser,
  now: Date,
): Promise<{ invitation: OrganizerInvitation; secret: string }> {
  const { secret, hash } = newLinkSecret();
  const [row] = await db
    .insert(communityInvitations)
    .values({
      communityId: community.id,
      email: input.email.trim().toLowerCase(),
      role: input.role,
      tokenHash: hash,
      invitedBy: invitedBy.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return { invitation: toInvitation(row), secret };
}

/**
 * Accepts an invitation for the signed-in user, whose address must be the invited one (so a
 * forwarded link cannot make someone else an organizer). Accepting twice is harmless.
 */
export async function acceptOrganizerInvitation(
  db: Database,
  secret: string,
  user: SessionUser,
  now: Date,
): Promise<MyCommunity> {
  const [row] = await db
    .select()
    .from(communityInvitations)
    .where(eq(communityInvitations.tokenHash, hashLinkSecret(secret)));
  if (!row || row.status === 'revoked' || row.expiresAt < now) {
    throw new AppError(404, 'link_invalid', 'problems.linkInvalid');
  }
  if (row.email !== user.email.toLowerCase()) {
    throw new AppError(403, 'invitation_other_email', 'problems.invitationOtherEmail', {
      params: { email: row.email },
    });
  }
  return db.transaction(async (tx) => {
    await tx
      .insert(communityMembers)
      .values({ communityId: row.communityId, userId: user.id, role: row.role, createdAt: now })
      .onConflictDoUpdate({ target: [communityMembers.communityId, communityMembers.userId], set: { role: row.role } });
    await tx
      .update(communityInvitations)
      .set({ status: 'accepted', acceptedBy: user.id })
      .where(and(eq(communityInvitations.id, row.id), eq(communityInvitations.status, 'pending')));
    const [community] = await tx.select().from(communities).where(eq(communities.id, row.communityId));
    if (!community) throw AppError.notFound();
    return { ...toCommunity(community), role: row.role };
  });
}

export async function listInvitations(db: Database, community: CommunityRow): Promise<OrganizerInvitation[]> {
  const rows = await db.select().from(communityInvitations).where(eq(communityInvitations.communityId, community.id));
  return rows.map(toInvitation);
}

function toInvitation(row: typeof communityInvitations.$inferSelect): OrganizerInvitation {
  return { id: row.id, email: row.email, role: row.role, status: row.status, createdAt: row.createdAt.toISOString() };
}

/** What an invitation link invites to, for the page shown before accepting (404 for unknown links). */
export async function organizerInvitationDetails(
  db: Database,
  secret: string,
  now: Date,
): Promise<OrganizerInvitationDetails> {
  const [found] = await db
    .select({ invitation: communityInvitations, community: { slug: communities.slug, name: communities.name } })
    .from(communityInvitations)
    .innerJoin(communities, eq(communities.id, communityInvitations.communityId))
    .where(eq(communityInvitations.tokenHash, hashLinkSecret(secret)));
  if (!found) throw new AppError(404, 'link_invalid', 'problems.linkInvalid');
  const { invitation, community } = found;
  const [inviter] = invitation.invitedBy
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, invitation.invitedBy))
    : [];
  return {
    email: invitation.email,
    role: invitation.role,
    status: invitation.status,
    community,
    invitedBy: inviter?.name ?? null,
    expired: invitation.expiresAt < now,
  };
}

/** Revokes an invitation of this community; its link then answers 404. Revoking twice is harmless. */
export async function revokeInvitation(db: Database, community: CommunityRow, invitationId: string): Promise<void> {
  const revoked = await db
    .update(communityInvitations)
    .set({ status: 'revoked' })
    .where(and(eq(communityInvitations.id, invitationId), eq(communityInvitations.communityId, community.id)))
    .returning({ id: communityInvitations.id });
  if (revoked.length === 0) throw AppError.notFound();
}
