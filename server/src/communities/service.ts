import type { Community, CommunityMember, MyCommunity, UpdateCommunityRequest } from '@serambi/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { users } from '../accounts/schema.ts';
import type { Database } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { SessionUser } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { type CommunityAction, type CommunityActor, can } from './rules.ts';
import { type CommunityRow, communities, communityInvitations, communityMembers, type NewCommunity } from './schema.ts';

export async function findCommunityBySlug(db: Database, slug: string): Promise<Community> {
  return toCommunity(await communityRowBySlug(db, slug));
}

/**
 * Loads the community and checks that `user` may do `action` on it: 404 when it does not
 * exist, 401 when nobody is signed in, 403 when the signed-in user may not.
 */
export async function authorizeCommunity(
  db: Database,
  slug: string,
  user: SessionUser | null,
  action: CommunityAction,
): Promise<{ community: CommunityRow; actor: CommunityActor }> {
  return authorize(db, await communityRowBySlug(db, slug), user, action);
}

/** The same check for a community already loaded (e.g. the one a session belongs to). */
export async function authorizeCommunityById(
  db: Database,
  communityId: string,
  user: SessionUser | null,
  action: CommunityAction,
): Promise<{ community: CommunityRow; actor: CommunityActor }> {
  const [community] = await db.select().from(communities).where(eq(communities.id, communityId));
  if (!community) throw AppError.notFound();
  return authorize(db, community, user, action);
}

async function authorize(
  db: Database,
  community: CommunityRow,
  user: SessionUser | null,
  action: CommunityAction,
): Promise<{ community: CommunityRow; actor: CommunityActor }> {
  const actor: CommunityActor = { user, role: user ? await roleIn(db, community.id, user.id) : null };
  if (!can(actor, action)) {
    throw user
      ? new AppError(403, 'forbidden', 'problems.forbidden')
      : new AppError(401, 'unauthorized', 'problems.unauthorized');
  }
  return { community, actor };
}

/** Creates a community with its first owner. A taken slug is a 409 that says so. */
export async function createCommunity(
  db: Database,
  input: Pick<NewCommunity, 'slug' | 'name' | 'description' | 'timeZone' | 'logoUrl'>,
  ownerId: string,
): Promise<MyCommunity> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(communities).values(input).returning();
      if (!row) throw new Error('insert returned no row');
      await tx.insert(communityMembers).values({ communityId: row.id, userId: ownerId, role: 'owner' });
      return { ...toCommunity(row), role: 'owner' as const };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'communities_slug_unique')) {
      throw new AppError(409, 'conflict', 'problems.slugTaken', {
        params: { slug: input.slug },
        errors: [{ path: 'slug', message: 'problems.slugTaken', params: { slug: input.slug } }],
      });
    }
    throw error;
  }
}

export async function updateCommunity(
  db: Database,
  community: CommunityRow,
  changes: UpdateCommunityRequest,
  now: Date,
): Promise<Community> {
  const [row] = await db
    .update(communities)
    .set({ ...changes, updatedAt: now })
    .where(eq(communities.id, community.id))
    .returning();
  if (!row) throw AppError.notFound();
  return toCommunity(row);
}

/** The communities the user organizes, oldest membership first. */
export async function listMyCommunities(db: Database, userId: string): Promise<MyCommunity[]> {
  const rows = await db
    .select({ community: communities, role: communityMembers.role })
    .from(communityMembers)
    .innerJoin(communities, eq(communities.id, communityMembers.communityId))
    .where(eq(communityMembers.userId, userId))
    .orderBy(asc(communityMembers.createdAt));
  return rows.map((r) => ({ ...toCommunity(r.community), role: r.role }));
}

export async function listMembers(db: Database, community: CommunityRow): Promise<CommunityMember[]> {
  const rows = await db
    .select({ member: communityMembers, user: { name: users.name, email: users.email } })
    .from(communityMembers)
    .innerJoin(users, eq(users.id, communityMembers.userId))
    .where(eq(communityMembers.communityId, community.id))
    .orderBy(asc(communityMembers.createdAt));
  return rows.map((r) => ({
    userId: r.member.userId,
    name: r.user.name,
    email: r.user.email,
    role: r.member.role,
    joinedAt: r.member.createdAt.toISOString(),
  }));
}

export async function roleIn(db: Database, communityId: string, userId: string) {
  const [member] = await db
    .select({ role: communityMembers.role })
    .from(communityMembers)
    .where(and(eq(communityMembers.communityId, communityId), eq(communityMembers.userId, userId)));
  return member?.role ?? null;
}

async function communityRowBySlug(db: Database, slug: string): Promise<CommunityRow> {
  const [row] = await db.select().from(communities).where(eq(communities.slug, slug)).limit(1);
  if (!row) throw AppError.notFound();
  return row;
}

export function toCommunity(row: CommunityRow): Community {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    logoUrl: row.logoUrl,
    timeZone: row.timeZone,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Removes an organizer or owner from the community. The last owner stays (409): a community
 * always has someone who can manage its team. Invitations to the removed person's address that
 * are still open are withdrawn with them, so no link sent before brings them back.
 */
export async function removeMember(db: Database, community: CommunityRow, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const members = await tx
      .select({ userId: communityMembers.userId, role: communityMembers.role })
      .from(communityMembers)
      .where(eq(communityMembers.communityId, community.id))
      .for('update');
    const member = members.find((m) => m.userId === userId);
    if (!member) throw AppError.notFound();
    if (member.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1) {
      throw new AppError(409, 'last_owner', 'problems.lastOwner');
    }
    await tx
      .delete(communityMembers)
      .where(and(eq(communityMembers.communityId, community.id), eq(communityMembers.userId, userId)));
    const [person] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (person) {
      await tx
        .update(communityInvitations)
        .set({ status: 'revoked' })
        .where(
          and(
            eq(communityInvitations.communityId, community.id),
            eq(communityInvitations.email, person.email.toLowerCase()),
            eq(communityInvitations.status, 'pending'),
          ),
        );
    }
  });
}

/** What the room's header shows of a session's community: its address and name. */
export async function communityHeading(db: Database, communityId: string): Promise<{ slug: string; name: string }> {
  const [community] = await db
    .select({ slug: communities.slug, name: communities.name })
    .from(communities)
    .where(eq(communities.id, communityId));
  if (!community) throw new Error(`community ${communityId} missing`);
  return community;
}

/** The community with this id, if there is one. */
export async function communityById(db: Database, communityId: string): Promise<CommunityRow | undefined> {
  const [community] = await db.select().from(communities).where(eq(communities.id, communityId));
  return community;
}

/** The address and name of these communities, in one query (a list of sessions shows them). */
export async function communityHeadings(
  db: Database,
  communityIds: string[],
): Promise<{ id: string; slug: string; name: string }[]> {
  return db
    .select({ id: communities.id, slug: communities.slug, name: communities.name })
    .from(communities)
    .where(inArray(communities.id, communityIds));
}
