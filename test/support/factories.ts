import { randomBytes } from 'node:crypto';
import { users } from '@serambi/server/accounts/schema.ts';
import type { CommunityRow } from '@serambi/server/communities/schema.ts';
import { communities, communityMembers } from '@serambi/server/communities/schema.ts';
import { type DatabaseHandle, openDatabase } from '@serambi/server/db/client.ts';
import type { SessionRow } from '@serambi/server/sessions/schema.ts';
import { createSession } from '@serambi/server/sessions/service.ts';
import type { CreateSessionInput } from '@serambi/shared';
import { createTestDatabase } from './postgres.ts';

export const ENGINES = ['pglite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

/** A migrated, empty database of the given engine (PGlite in memory, or a fresh PostgreSQL database). */
export async function aDatabase(engine: Engine): Promise<DatabaseHandle> {
  return openDatabase(
    engine === 'pglite' ? { kind: 'pglite', dir: 'memory://' } : { kind: 'postgres', url: await createTestDatabase() },
  );
}

const unique = () => randomBytes(4).toString('hex');

export async function anOrganizer(db: DatabaseHandle['db'], name = 'Ayu Lestari') {
  const [user] = await db
    .insert(users)
    .values({ name, email: `ayu-${unique()}@example.id` })
    .returning();
  if (!user) throw new Error('no user');
  return user;
}

export async function aCommunity(db: DatabaseHandle['db'], ownerId?: string): Promise<CommunityRow> {
  const [community] = await db
    .insert(communities)
    .values({ slug: `komunitas-${unique()}`, name: 'Komunitas Bisnis Bali', timeZone: 'Asia/Makassar' })
    .returning();
  if (!community) throw new Error('no community');
  if (ownerId) await db.insert(communityMembers).values({ communityId: community.id, userId: ownerId, role: 'owner' });
  return community;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** 12.00 UTC (20.00 WITA) a week after this run: a session ahead, whatever day the tests run on. */
function aWeekAhead(): Date {
  return new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + 7 * DAY_MS + 12 * 60 * 60 * 1000);
}

/**
 * A scheduled public session a week ahead of the run; a test whose code takes the time from
 * it passes `startsAt` (and gives that code a clock to match).
 */
export async function aSession(
  db: DatabaseHandle['db'],
  community: CommunityRow,
  overrides: Partial<CreateSessionInput> = {},
): Promise<SessionRow> {
  const input: CreateSessionInput = {
    title: 'Sharing Online #1: Pemasaran lewat WhatsApp',
    description: '',
    startsAt: aWeekAhead().toISOString(),
    durationMinutes: 90,
    timeZone: 'Asia/Makassar',
    capacity: null,
    visibility: 'public',
    questions: [],
    status: 'scheduled',
    ...overrides,
  };
  // Arranged as of its own start, so the window around the clock never refuses a fixed date.
  return createSession(db, community, input, new Date(input.startsAt));
}
