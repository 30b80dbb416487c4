import type { Community } from '@serambi/shared';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { AppError } from '../http/errors.ts';
import { type CommunityRow, communities, communityMembers, type NewCommunity } from './schema.ts';

export async function findCommunityBySlug(db: Database, slug: string): Promise<Community> {
  const [row] = await db.select().from(communities).where(eq(communities.slug, slug)).limit(1);
  if (!row) throw AppError.notFound();
  return toCommunity(row);
}

/** Creates a community with its first owner. A taken slug is a 409 that says so. */
export async function createCommunity(
  db: Database,
  input: Pick<NewCommunity, 'slug' | 'name' | 'description' | 'timeZone'>,
  ownerId: string,
): Promise<Community> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(communities).values(input).returning();
      if (!row) throw new Error('insert returned no row');
      await tx.insert(communityMembers).values({ communityId: row.id, userId: ownerId, role: 'owner' });
      return toCommunity(row);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'communities_slug_unique')) {
      throw AppError.conflict('problems.slugTaken', { slug: input.slug });
    }
    throw error;
  }
}

function toCommunity(row: CommunityRow): Community {
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
