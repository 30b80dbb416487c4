import type { Reaction } from '@serambi/shared';
import { eq, sql } from 'drizzle-orm';
import type { BurstCount } from '../room/parts.ts';
import { sessionRooms } from '../room/schema.ts';

/** The kind reactions are marked under (`bursts.mark(sessionId, REACTIONS, reaction)`). */
export const REACTIONS = 'reaction.burst';

/**
 * Reactions are not stored one by one: each burst adds what was marked to the session's totals
 * (the interaction report shows them) and announces how many of each came.
 */
export const reactionCounts: BurstCount = {
  kind: REACTIONS,
  async announce(tx, sessionId, marked) {
    const counts = Object.fromEntries(marked) as Partial<Record<Reaction, number>>;
    const additions = Object.entries(counts).map(
      ([reaction, n]) =>
        sql`jsonb_build_object(${reaction}::text, coalesce((${sessionRooms.reactionTotals} ->> ${reaction}::text)::int, 0) + ${n}::int)`,
    );
    await tx
      .update(sessionRooms)
      .set({ reactionTotals: sql`${sessionRooms.reactionTotals} || ${sql.join(additions, sql` || `)}` })
      .where(eq(sessionRooms.sessionId, sessionId));
    return [{ type: 'reaction.burst', data: { counts } }];
  },
};
