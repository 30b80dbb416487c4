import type { CommunityRole, MyCommunity, OrganizerInvitation, OrganizerInvitationDetails } from '@serambi/shared';
import { and, eq, sql } from 'drizzle-orm';
import { users } from '../accounts/schema.ts';
import type { Database } from '../db/client.ts';
import { requireConfirmedEmail } from '../http/current-user.ts';
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
 * Accepts an invitation for the signed-in user, whose address must be the invited one and
 * confirmed (so neither a forwarded link nor an account signed up with someone else's address
 * makes anyone an organizer). A link works once: pressing accept again while still a member only
 * says so; anyone else, a removed member included, gets 409. An owner stays owner whatever role
 * the invitation names (a community keeps its owners; an organizer invited as owner becomes one).
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
  if (!row || row.status === 'revoked') throw new AppError(404, 'link_invalid', 'problems.linkInvalid');
  if (row.email !== user.email.toLowerCase()) {
    throw new AppError(403, 'invitation_other_email', 'problems.invitationOtherEmail', {
      params: { email: row.email },
    });
  }
  requireConfirmedEmail(user);
  if (row.status === 'accepted') return stillMemberThrough(db, row, user);
  if (row.expiresAt < now) throw new AppError(404, 'link_invalid', 'problems.linkInvalid');
  return db.transaction(async (tx) => {
    // Taking the invitation first makes two acceptances in a race count once.
    const [taken] = await tx
      .update(communityInvitations)
      .set({ status: 'accepted', acceptedBy: user.id })
      .where(and(eq(communityInvitations.id, row.id), eq(communityInvitations.status, 'pending')))
      .returning({ id: communityInvitations.id });
    if (!taken) throw invitationUsed();
    const [member] = await tx
      .insert(communityMembers)
      .values({ communityId: row.communityId, userId: user.id, role: row.role, createdAt: now })
      .onConflictDoUpdate({
        target: [communityMembers.communityId, communityMembers.userId],
        set: {
          role: sql`case when ${communityMembers.role} = 'owner' then 'owner'::community_role else excluded.role end`,
        },
      })
      .returning({ role: communityMembers.role });
    const [community] = await tx.select().from(communities).where(eq(communities.id, row.communityId));
    if (!community || !member) throw AppError.notFound();
    return { ...toCommunity(community), role: member.role };
  });
}

/** An accepted invitation pressed again: fine for the member it brought in, used up for anyone else. */
async function stillMemberThrough(
  db: Database,
  invitation: typeof communityInvitations.$inferSelect,
  user: SessionUser,
): Promise<MyCommunity> {
  if (invitation.acceptedBy !== user.id) throw invitationUsed();
  const [found] = await db
    .select({ community: communities, role: communityMembers.role })
    .from(communityMembers)
    .innerJoin(communities, eq(communities.id, communityMembers.communityId))
    .where(and(eq(communityMembers.communityId, invitation.communityId), eq(communityMembers.userId, user.id)));
  if (!found) throw invitationUsed();
  return { ...toCommunity(found.community), role: found.role };
}

export function invitationUsed(): AppError {
  return new AppError(409, 'invitation_used', 'problems.invitationUsed');
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
